// Runs graphql-http's server audits against the URL given; prints one JSON line per audit:
// {"id", "name", "status": "ok"|"warn"|"error", "reason"}. Exit code 0 (the test reads the lines).
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const result = await audit.fn();
  console.log(JSON.stringify({ id: audit.id, name: audit.name, status: result.status, reason: result.reason ?? '' }));
}
