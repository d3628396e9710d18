import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from './wiring';

export default defineBackground({
  type: 'module',
  main() {
    startBackground();
  },
});
