/**
 * For teachers: choose which control groups the shared link hides or locks. The choice is in the
 * address bar at once (a new history entry), so "Copy link" shares it; opening such a link shows a
 * visible note on every locked group and refuses changes to it by any route.
 */
import { CONTROL_GROUPS, encodeClassroom, type Classroom, type ControlGroup } from '../experiment/classroom';
import { useStore } from '../state/store';
import { writeUrl } from '../state/url-sync';

const GROUP_LABELS: Record<ControlGroup, string> = {
  scenarios: 'Scenarios',
  mixture: 'Mixture',
  start: 'Start',
  methods: 'Methods',
  stop: 'Stopping',
  sampler: 'Samplers',
  settings: 'All settings',
  share: 'Share and download',
};

function toggle(kind: keyof Classroom, g: ControlGroup, on: boolean): void {
  const c = useStore.getState().classroom;
  const list = on ? [...c[kind], g] : c[kind].filter((x) => x !== g);
  useStore.setState({ classroom: { ...c, [kind]: CONTROL_GROUPS.filter((x) => list.includes(x)) } });
  writeUrl('push');
}

// Read at load: a page opened from a classroom link does not offer to undo it (students would).
const openedAsClassroom = typeof location !== 'undefined' && /[?&](hide|lock)=/.test(location.search);

export function ClassroomLinkBuilder() {
  const classroom = useStore((s) => s.classroom);
  const keys = encodeClassroom(classroom);
  if (openedAsClassroom)
    return (
      <p className="classroom-note">
        Some controls were hidden or locked by the link that opened this page (<code>{keys}</code>).
      </p>
    );
  return (
    <section className="classroom" aria-labelledby="classroom-title">
      <h3 id="classroom-title">For teachers: a link with fewer controls</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Hide</th>
            <th scope="col">Lock</th>
          </tr>
        </thead>
        <tbody>
          {CONTROL_GROUPS.map((g) => (
            <tr key={g}>
              <th scope="row">{GROUP_LABELS[g]}</th>
              {(['hide', 'lock'] as const).map((kind) => (
                <td key={kind}>
                  <input
                    type="checkbox"
                    aria-label={`${kind === 'hide' ? 'Hide' : 'Lock'} ${GROUP_LABELS[g]}`}
                    checked={classroom[kind].includes(g)}
                    onChange={(e) => toggle(kind, g, e.currentTarget.checked)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        {keys ? (
          <>
            The address bar now ends in <code>{keys}</code>; Copy link shares it.
          </>
        ) : (
          'Nothing hidden or locked.'
        )}
      </p>
    </section>
  );
}
