/**
 * The mail transport's listener parameters (proxies with transports="mailto"; MI has no mail
 * inbound endpoint) and the sender's transport properties, as data for forms and checks.
 * Names from Axis2's MailConstants.
 */
import type { InboundParameterDescriptor, InboundProtocolDescriptor } from '../types.js';

export const MAIL_LISTENER_PARAMETERS: readonly InboundParameterDescriptor[] = [
  { name: 'transport.mail.Address', type: 'string', required: true, help: 'The mailbox address this proxy reads (its mail is the proxy\'s input).', group: 'Basic' },
  { name: 'transport.mail.Protocol', type: 'enum', values: ['imap', 'pop3'], default: 'imap', help: 'How the mailbox is read.', group: 'Basic' },
  { name: 'transport.mail.Folder', type: 'string', default: 'INBOX', help: 'IMAP folder to read (POP3 has only the inbox).', group: 'Basic' },
  { name: 'transport.PollInterval', type: 'string', default: '300', help: 'Seconds between polls (or <n>ms).', group: 'Basic' },
  { name: 'transport.mail.ContentType', type: 'string', help: 'Builds the mail body with this content type instead of the mail\'s own (application/xml to read a plain-text body as XML).', group: 'Basic' },
  { name: 'mail.imap.host', type: 'string', help: 'IMAP server host.', group: 'Server' },
  { name: 'mail.imap.port', type: 'integer', default: '143', help: 'IMAP server port.', group: 'Server' },
  { name: 'mail.imap.user', type: 'string', help: 'IMAP user name.', group: 'Server' },
  { name: 'mail.imap.password', type: 'password', help: 'IMAP password.', group: 'Server' },
  { name: 'mail.pop3.host', type: 'string', help: 'POP3 server host.', group: 'Server' },
  { name: 'mail.pop3.port', type: 'integer', default: '110', help: 'POP3 server port.', group: 'Server' },
  { name: 'mail.pop3.user', type: 'string', help: 'POP3 user name.', group: 'Server' },
  { name: 'mail.pop3.password', type: 'password', help: 'POP3 password.', group: 'Server' },
  { name: 'transport.mail.ActionAfterProcess', type: 'enum', values: ['DELETE', 'MOVE'], default: 'DELETE', help: 'What happens to a mail once mediated (MOVE: IMAP only).', group: 'After processing' },
  { name: 'transport.mail.MoveAfterProcess', type: 'string', help: 'IMAP folder processed mail moves to.', group: 'After processing' },
  { name: 'transport.mail.ActionAfterFailure', type: 'enum', values: ['DELETE', 'MOVE'], default: 'DELETE', help: 'What happens to a mail whose mediation failed.', group: 'After processing' },
  { name: 'transport.mail.MoveAfterFailure', type: 'string', help: 'IMAP folder failed mail moves to.', group: 'After processing' },
  { name: 'transport.mail.MaxRetryCount', type: 'integer', default: '3', help: 'Reconnect attempts per poll.', group: 'Advanced' },
  { name: 'transport.mail.ReconnectTimeout', type: 'integer', default: '30000', help: 'Milliseconds between reconnect attempts.', group: 'Advanced' },
];

/** For the studio: the mail listener shown like a polling protocol. */
export const mailListenerDescriptor: InboundProtocolDescriptor = {
  protocol: 'mailto',
  label: 'Mail (proxy transport)',
  help: 'Polls an IMAP or POP3 mailbox and runs a proxy for each mail (transports="mailto"). Mail is sent with mailto: address endpoints.',
  mode: 'polling',
  parameters: MAIL_LISTENER_PARAMETERS,
};

/** Transport-scope properties the mailto: sender reads. */
export const MAIL_SENDER_PROPERTIES: readonly InboundParameterDescriptor[] = [
  { name: 'Subject', type: 'string', help: 'The mail\'s subject.' },
  { name: 'From', type: 'string', help: 'Sender address (default: the sender configuration\'s from).' },
  { name: 'Cc', type: 'string', help: 'Copy recipients.' },
  { name: 'Bcc', type: 'string', help: 'Blind copy recipients.' },
  { name: 'Reply-To', type: 'string', help: 'Where replies go.' },
  { name: 'transport.mail.Format', type: 'enum', values: ['Text', 'Multipart', 'Attachment'], default: 'Text', help: 'Text: the message is the body; Multipart: the body is a part; Attachment: the message is attached (file name AttachmentFile) under bodyWhenAttached.' },
  { name: 'transport.mail.bodyWhenAttached', type: 'string', help: 'Body text when the message is sent as an attachment.' },
  { name: 'AttachmentFile', type: 'string', help: 'File name of the attached message.' },
  { name: 'mail.smtp.user', type: 'string', help: 'Per-message SMTP user.' },
  { name: 'mail.smtp.password', type: 'password', help: 'Per-message SMTP password.' },
];
