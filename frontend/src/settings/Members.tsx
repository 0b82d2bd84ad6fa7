import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/endpoints.ts';
import { useDraft } from '../drafts.ts';
import type { TeamRole } from '../api/types.ts';
import { Field, Loading, Problem, fieldError, formError } from '../ui.tsx';

const ROLES: TeamRole[] = ['VIEWER', 'MEMBER', 'ADMIN'];

export function MembersSection({ team }: { team: string }) {
  const queryClient = useQueryClient();
  const key = ['members', team];
  const members = useQuery({ queryKey: key, queryFn: () => api.members(team) });
  const [user, setUser] = useDraft(`${team}/members/user`, '');
  const [role, setRole] = useDraft<TeamRole>(`${team}/members/role`, 'MEMBER');
  const set = useMutation({
    mutationFn: (v: { user: string; role: TeamRole }) => api.setMember(team, v.user, v.role),
    onSuccess: () => {
      setUser('');
      return queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const general = set.isError ? formError(set.error, ['user', 'username', 'role']) : null;
  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">Members and roles</h2>
      <p className="muted">Viewers read, members manage automations and submit events, admins manage the team.</p>
      <form
        aria-label="Add member"
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          set.mutate({ user: user.trim(), role });
        }}
      >
        <Field label="Username" id="member-user" error={fieldError(set.error, 'user', 'username')}>
          <input id="member-user" required value={user} onChange={(e) => setUser(e.target.value)} />
        </Field>
        <Field label="Role" id="member-role" error={fieldError(set.error, 'role')}>
          <select id="member-role" value={role} onChange={(e) => setRole(e.target.value as TeamRole)}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </Field>
        <button type="submit" className="primary" disabled={set.isPending}>
          Add or change
        </button>
      </form>
      {general && (
        <p role="alert" className="error">
          {general}
        </p>
      )}
      {members.isPending && <Loading what="members" />}
      {members.isError && <Problem error={members.error} />}
      {members.data?.length === 0 && <p className="empty">No members yet.</p>}
      {!!members.data?.length && (
        <table aria-label="Members">
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {members.data.map((m) => (
              <tr key={m.username}>
                <th scope="row">{m.username}</th>
                <td>
                  <select
                    aria-label={`Role of ${m.username}`}
                    value={m.role}
                    onChange={(e) => set.mutate({ user: m.username, role: e.target.value as TeamRole })}
                  >
                    {ROLES.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
