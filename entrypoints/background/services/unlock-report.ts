/**
 * When this device last opened the vault, waiting to go out with the next sync (other devices show
 * it in their device list). A newer unlock meanwhile waits for the next run.
 */
import { getStored, removeStored } from '@/lib/storage/store';

export const unlockReport = {
  pending: () => getStored('unlockReport'),
  async sent(unlockedAt: number) {
    if ((await getStored('unlockReport')) === unlockedAt) await removeStored('unlockReport');
  },
};
