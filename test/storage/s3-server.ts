// s3rver, an S3-compatible server from npm, in a process of its own (so that its memory and CPU are
// not the tests'), with one bucket.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface S3Server {
  endpoint: string;
  close(): Promise<void>;
}

export async function startS3Server(directory: string, bucket: string): Promise<S3Server> {
  const cli = join(dirname(createRequire(import.meta.url).resolve('s3rver/package.json')), 'bin', 's3rver.js');
  const child = spawn(process.execPath, [cli, '-d', directory, '-a', '127.0.0.1', '-p', '0', '--configure-bucket', bucket], { stdio: ['ignore', 'pipe', 'inherit'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on ([\d.]+:\d+)/.exec(output);
      if (listening) resolve(`http://${listening[1]}`);
    });
    child.once('exit', (code) => reject(new Error(`s3rver exited (${code}): ${output}`)));
  });
  child.stdout.resume();
  return {
    endpoint,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
