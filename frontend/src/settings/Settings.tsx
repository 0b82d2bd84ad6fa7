import { NavLink, useParams } from 'react-router';
import { accessIn, useMe } from '../session.ts';
import { JobsSection } from './Jobs.tsx';
import { MembersSection } from './Members.tsx';
import { QueuesSection } from './Queues.tsx';
import { RulesSection } from './Rules.tsx';
import { SecretsSection } from './Secrets.tsx';
import { WebhooksSection } from './Webhooks.tsx';

const SECTIONS = {
  secrets: 'Secrets',
  webhooks: 'Webhooks',
  members: 'Members',
  jobs: 'Jobs',
  queues: 'Queues',
  rules: 'Rules',
} as const;
type Section = keyof typeof SECTIONS;

export function Settings() {
  const { team = '', section = '' } = useParams();
  const me = useMe();
  const access = accessIn(me.data, team);
  if (!access.canAdmin) {
    return (
      <p role="alert" className="error">
        You are not allowed to see this: team settings are for the team's administrators.
      </p>
    );
  }
  const visible = (Object.keys(SECTIONS) as Section[]).filter((s) => s !== 'rules' || access.systemAdmin);
  const current = visible.find((s) => s === section);
  const base = `/teams/${encodeURIComponent(team)}/settings`;
  return (
    <div className="settings">
      <h1>Team settings</h1>
      <nav className="subtabs" aria-label="Settings sections">
        {visible.map((s) => (
          <NavLink key={s} to={`${base}/${s}`}>
            {SECTIONS[s]}
          </NavLink>
        ))}
      </nav>
      {!current && (
        <p role="alert" className="error">
          Not found: there is no settings section “{section}”.
        </p>
      )}
      {current === 'secrets' && <SecretsSection team={team} />}
      {current === 'webhooks' && <WebhooksSection team={team} />}
      {current === 'members' && <MembersSection team={team} />}
      {current === 'jobs' && <JobsSection team={team} />}
      {current === 'queues' && <QueuesSection team={team} />}
      {current === 'rules' && <RulesSection />}
    </div>
  );
}
