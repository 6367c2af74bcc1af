/** Puts the classroom keys (hide, lock) in the URL beside the experiment (url-fragments.ts). */
import { decodeClassroom, encodeClassroom } from '../experiment/classroom';
import { useStore } from './store';
import { registerUrlFragment } from './url-fragments';

export function initClassroomSync(): void {
  registerUrlFragment({
    name: 'classroom',
    encode: () => encodeClassroom(useStore.getState().classroom),
    apply: (query) => {
      const { classroom, repairs } = decodeClassroom(query);
      useStore.setState({ classroom });
      return repairs;
    },
  });
}
