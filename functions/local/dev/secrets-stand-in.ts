import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for Secrets Manager's GetSecretValue (the JSON 1.1 protocol), so a fresh ingress process
 * (or a bundle loaded in a test) can read its Slack credentials the way the deployed one does (SLACK_SECRET_ARN
 * plus AWS_ENDPOINT_URL_SECRETS_MANAGER pointing here).
 */
export async function startSecretsStandIn(secret: Record<string, string>) {
  const authorizations: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      authorizations.push(String(request.headers.authorization ?? ''));
      const target = request.headers['x-amz-target'];
      const { SecretId } = JSON.parse(body || '{}') as { SecretId?: string };
      if (target !== 'secretsmanager.GetSecretValue' || !SecretId) {
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ __type: 'InvalidRequestException', message: `unexpected ${target}` }));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(
        JSON.stringify({
          ARN: SecretId,
          Name: 'htg-slack',
          VersionId: 'v1',
          SecretString: JSON.stringify(secret),
        }),
      );
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** The Authorization header of every request (SigV4: names the access key that signed it). */
    authorizations,
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}
