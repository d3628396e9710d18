import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkNode } from './check-node.cjs';

describe('the Node version check run before npm start', () => {
  it('names the Node it needs and the one it found', () => {
    expect(checkNode('>=24', 'v20.20.2')).toBe(
      'Cassaforte needs Node 24 or newer; this is Node 20.20.2. Install Node 24 LTS ' +
        '(the README\'s "Node" section says how) and run the command again.',
    );
  });

  it('lets the required major and newer ones through', () => {
    expect(checkNode('>=24', 'v24.0.0')).toBeNull();
    expect(checkNode('>=24', 'v26.1.0')).toBeNull();
    expect(checkNode('>= 22', 'v21.7.3')).toContain('needs Node 22 or newer');
  });

  it('passes on this Node, which runs the tests (exit code 0, nothing printed)', () => {
    const script = fileURLToPath(new URL('./check-node.cjs', import.meta.url));
    expect(execFileSync(process.execPath, [script], { encoding: 'utf8' })).toBe('');
  });
});
