// The fallback where no OS keychain is reachable (headless Linux, containers, WSL without a keyring): a JSON
// file in the user's config directory, mode 0600 in a 0700 folder, written atomically. It is NOT encrypted,
// and says so; a file that others can read or change is refused, with the chmod that fixes it.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { isProfileName } from './profile.js';
import { decodeSecret, type StoredCredential } from './stored.js';

export const FILE_WARNING =
  'intercom-mcp access tokens, stored UNENCRYPTED (no OS keychain was reachable). Readable only by you (mode 0600). ' +
  'Remove a profile with `intercom-mcp logout --profile NAME`.';

/** A credentials file that cannot be used; the message says what to do. */
export class CredentialFileError extends Error {
  override readonly name = 'CredentialFileError';
}

/** `$XDG_CONFIG_HOME/intercom-mcp/credentials.json` (~/.config when unset), `%APPDATA%\intercom-mcp\...` on Windows. */
export function credentialsFilePath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const base =
    platform === 'win32'
      ? env.APPDATA && isAbsolute(env.APPDATA)
        ? env.APPDATA
        : join(home, 'AppData', 'Roaming')
      : env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME)
        ? env.XDG_CONFIG_HOME
        : join(home, '.config');
  return join(base, 'intercom-mcp', 'credentials.json');
}

interface FileShape {
  readonly profiles: Record<string, StoredCredential & { saved_at?: string }>;
}

export interface FileStore {
  readonly path: string;
  read(profile: string): Promise<StoredCredential | undefined>;
  write(profile: string, credential: StoredCredential): Promise<void>;
  /** True when the profile was there. */
  remove(profile: string): Promise<boolean>;
}

const posix = (platform: NodeJS.Platform) => platform !== 'win32';
const octal = (mode: number) => (mode & 0o777).toString(8).padStart(4, '0');
const quoted = (path: string) => (/^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`);

export function createFileStore(options: { path: string; platform?: NodeJS.Platform }): FileStore {
  const { path } = options;
  const platform = options.platform ?? process.platform;

  /** The whole file, or an empty one when there is none. Refuses a file others can read. */
  async function load(): Promise<FileShape> {
    let handle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: Object.create(null) as FileShape['profiles'] };
      throw new CredentialFileError(`cannot read the credentials file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    try {
      // The mode of the file actually opened, not of whatever the path named a moment before.
      const info = await handle.stat();
      if (posix(platform)) {
        if (typeof process.getuid === 'function' && info.uid !== process.getuid()) {
          throw new CredentialFileError(
            `refusing to read the credentials file ${path}: it belongs to another user (uid ${info.uid}). ` +
              `Remove it, then run \`intercom-mcp login\` again.`,
          );
        }
        if ((info.mode & 0o077) !== 0) {
          throw new CredentialFileError(
            `refusing to read the credentials file ${path}: other users can read or change it (mode ${octal(info.mode)}). ` +
              `It holds an unencrypted token; run \`chmod 600 ${quoted(path)}\` and try again (and consider that token exposed if others use this machine).`,
          );
        }
      }
      const text = await handle.readFile('utf8');
      return parse(text);
    } finally {
      await handle.close();
    }
  }

  function parse(text: string): FileShape {
    let data: unknown;
    try {
      data = JSON.parse(text) as unknown;
    } catch {
      throw new CredentialFileError(`the credentials file ${path} is not valid JSON; remove it and run \`intercom-mcp login\` again`);
    }
    const raw = (data as { profiles?: unknown } | null)?.profiles;
    // No prototype: profile names such as `constructor` or `__proto__` are plain keys, never inherited ones.
    const profiles: FileShape['profiles'] = Object.create(null) as FileShape['profiles'];
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      for (const [name, entry] of Object.entries(raw)) {
        if (!isProfileName(name)) continue;
        const credential = decodeSecret(entry);
        const savedAt = (entry as { saved_at?: unknown }).saved_at;
        if (credential) profiles[name] = { ...credential, ...(typeof savedAt === 'string' ? { saved_at: savedAt } : {}) };
      }
    }
    return { profiles };
  }

  /** mkdir 0700 (tightened if it exists wider), then write a temporary 0600 file beside it and rename it over. */
  async function save(data: FileShape): Promise<void> {
    const dir = dirname(path);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (posix(platform)) {
      const info = await stat(dir);
      if ((info.mode & 0o077) !== 0) await chmod(dir, 0o700);
    }
    const temp = join(dir, `.credentials.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify({ warning: FILE_WARNING, ...data }, null, 2)}\n`, 'utf8');
      await handle.sync();
    } catch (error) {
      await handle.close();
      await unlink(temp).catch(() => {});
      throw error;
    }
    await handle.close();
    if (posix(platform)) await chmod(temp, 0o600);
    try {
      await rename(temp, path);
    } catch (error) {
      await unlink(temp).catch(() => {});
      throw error;
    }
  }

  return {
    path,
    async read(profile) {
      const { profiles } = await load();
      const entry = Object.hasOwn(profiles, profile) ? profiles[profile] : undefined;
      return entry ? { token: entry.token, ...(entry.region ? { region: entry.region } : {}) } : undefined;
    },
    async write(profile, credential) {
      const data = await load();
      data.profiles[profile] = { ...credential, saved_at: new Date().toISOString() };
      await save(data);
    },
    async remove(profile) {
      // No mode or owner check here: a file others can read is exactly one to take a token out of. The
      // profile goes; the file goes with its last profile, or when it cannot be parsed at all.
      const fail = (error: unknown): never => {
        throw new CredentialFileError(
          `could not remove the token of profile "${profile}" from the credentials file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}); delete the file by hand`,
        );
      };
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        return fail(error);
      }
      let data: FileShape;
      try {
        data = parse(text);
      } catch {
        await unlink(path).catch(fail);
        return true;
      }
      if (!Object.hasOwn(data.profiles, profile)) return false;
      delete data.profiles[profile];
      try {
        if (Object.keys(data.profiles).length === 0) await unlink(path);
        else await save(data);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') fail(error);
      }
      return true;
    },
  };
}
