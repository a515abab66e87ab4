// Finds a Chromium for the browser tests: $CHROMIUM_PATH, /usr/bin/chromium, or `chromium`
// on PATH. Where none exists and we are root with apt-get, installs Debian's package.
// Never `playwright install`: it downloads a browser build from outside, which fails here.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function onPath(name) {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter(Boolean);
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  return onPath('chromium');
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  let found = findChromium();
  if (!found && process.getuid?.() === 0 && onPath('apt-get')) {
    console.log(
      'Chromium not found: installing Debian packages chromium and fonts-liberation (once per machine)…',
    );
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-liberation'], {
      stdio: 'inherit',
      env,
    });
    found = findChromium();
  }
  if (!found) {
    console.error(
      'Browser tests need Chromium: install it (Debian: `sudo apt-get install chromium fonts-liberation`) or set CHROMIUM_PATH.',
    );
    process.exit(1);
  }
  console.log(`Using Chromium at ${found}`);
}
