import type { Automation } from './api.ts';

interface Props {
  automations: Automation[];
}

export function AutomationTable({ automations }: Props) {
  return (
    <table aria-label="Automations">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Description</th>
          <th scope="col">Trigger type</th>
          <th scope="col">Action type</th>
          <th scope="col">Action name</th>
          <th scope="col">Queue</th>
          <th scope="col">Enabled</th>
        </tr>
      </thead>
      <tbody>
        {automations.map((a) => (
          <tr key={a.id}>
            <th scope="row">{a.name}</th>
            <td>{a.description}</td>
            <td>
              <code>{a.triggerType}</code>
            </td>
            <td>
              <code>{a.actionType}</code>
            </td>
            <td>{a.actionName}</td>
            <td>{a.queue}</td>
            <td>{a.enabled ? 'Yes' : 'No'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
