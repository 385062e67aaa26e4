import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { type SmsGateway, SmsRejectedError, SmsThrottledError } from '../../ports';

const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'KMSThrottlingException',
]);
const REJECTED = new Set([
  'InvalidParameterException',
  'InvalidParameterValueException',
  'OptedOutException',
  'AuthorizationErrorException',
  'EndpointDisabledException',
]);

/**
 * SNS SMS to a phone number, Transactional, with the organization's sender id. The client must be
 * built with `maxAttempts: 1`: an SDK retry after a timeout could send the same SMS twice.
 */
export function createSnsSmsGateway(
  sns: SNSClient,
  smsType: 'Transactional' | 'Promotional' = 'Transactional',
): SmsGateway {
  return {
    async send({ to, senderId, body }) {
      try {
        const result = await sns.send(
          new PublishCommand({
            PhoneNumber: to,
            Message: body,
            MessageAttributes: {
              'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: senderId },
              'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: smsType },
            },
          }),
        );
        return { messageId: result.MessageId ?? 'unknown' };
      } catch (error) {
        const name = (error as Error).name;
        if (THROTTLED.has(name)) throw new SmsThrottledError(name);
        if (REJECTED.has(name)) throw new SmsRejectedError(name);
        throw error;
      }
    },
  };
}
