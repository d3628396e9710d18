/**
 * Runs first in `npm start`, `npm run server` and `npm run admin`, so that a too-old Node says so
 * at once instead of failing deep inside a dependency (better-sqlite3 13 and kysely 0.29 need
 * Node 22+). It must itself run on any Node: plain CommonJS, nothing newer than ES5.
 * The required version is package.json's engines.node, the one place it is written.
 */
'use strict';
var fs = require('fs');
var path = require('path');

/** The message for a Node older than `range` (">=N"), or null when `version` is new enough. */
function checkNode(range, version) {
  var required = /^>=\s*(\d+)/.exec(range || '');
  var actual = String(version).replace(/^v/, '');
  if (required === null || Number(actual.split('.')[0]) >= Number(required[1])) return null;
  return (
    'Cassaforte needs Node ' +
    required[1] +
    ' or newer; this is Node ' +
    actual +
    '. ' +
    'Install Node ' +
    required[1] +
    ' LTS (the README\'s "Node" section says how) and run the command again.'
  );
}

exports.checkNode = checkNode;

if (require.main === module) {
  var manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
  var problem = checkNode(manifest.engines && manifest.engines.node, process.version);
  if (problem !== null) {
    console.error(problem);
    process.exit(1);
  }
}
