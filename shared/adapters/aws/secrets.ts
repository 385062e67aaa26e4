import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Reads the HMAC key once per cold start; the promise is shared by every invocation after it. */
export function loadSecretOnce(client: SecretsManagerClient, secretArn: string): () => Promise<string> {
  let secret: Promise<string> | undefined;
  return () => {
    secret ??= client.send(new GetSecretValueCommand({ SecretId: secretArn })).then((result) => {
      if (!result.SecretString) throw new Error('the HMAC secret has no string value');
      return result.SecretString;
    });
    // A failed read is retried on the next invocation rather than cached.
    secret.catch(() => {
      secret = undefined;
    });
    return secret;
  };
}
