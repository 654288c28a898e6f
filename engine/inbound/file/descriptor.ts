/** The file (VFS) inbound endpoint's parameters (Synapse VFSConstants, MI PollingConstants); the poller is engine/node/transports/vfs. */
import type { InboundParameterDescriptor, InboundProtocolDescriptor } from '../types.js';
import { POLLING_PARAMETERS } from '../common-parameters.js';

const ACTIONS = ['DELETE', 'MOVE', 'NONE'] as const;

/** The transport.vfs.* vocabulary shared by file inbound endpoints and `transports="vfs"` proxies. */
export const VFS_PARAMETERS: readonly InboundParameterDescriptor[] = [
  { name: 'transport.vfs.FileURI', type: 'uri', required: true, help: 'Folder (or file) to poll: file://, ftp://, ftps://, sftp:// or smb:// with user:password@host; a leading vfs: is dropped.', group: 'Basic' },
  { name: 'transport.vfs.ContentType', type: 'string', help: 'How a file is built into a message (text/xml, application/json, text/plain, application/octet-stream; ;charset=...). Absent on an inbound: *.xml is text/xml, anything else text/plain.', group: 'Basic' },
  { name: 'transport.vfs.FileNamePattern', type: 'regex', help: 'Java regex the whole file name must match (.*.xml also matches fooxml).', group: 'Basic' },
  { name: 'transport.vfs.ActionAfterProcess', type: 'enum', values: ACTIONS, default: 'DELETE', help: 'What happens to a file once mediated: DELETE, MOVE (to MoveAfterProcess) or NONE.', group: 'After processing' },
  { name: 'transport.vfs.MoveAfterProcess', type: 'uri', help: 'Folder processed files move to (ActionAfterProcess MOVE).', group: 'After processing' },
  { name: 'transport.vfs.ActionAfterFailure', type: 'enum', values: ACTIONS, default: 'DELETE', help: 'What happens to a file that could not be read or mediated.', group: 'After processing' },
  { name: 'transport.vfs.MoveAfterFailure', type: 'uri', help: 'Folder failed files move to (ActionAfterFailure MOVE).', group: 'After processing' },
  { name: 'transport.vfs.MoveTimestampFormat', type: 'string', help: 'Date pattern (Java SimpleDateFormat) prefixed to moved file names.', group: 'After processing' },
  { name: 'transport.vfs.CreateFolder', type: 'boolean', default: 'true', help: 'Create missing move-to folders.', group: 'After processing' },
  { name: 'transport.vfs.Locking', type: 'enum', values: ['enable', 'disable'], default: 'enable', help: 'Guard each file with a .lock file while it is processed (a file already locked is skipped).', group: 'Advanced' },
  { name: 'transport.vfs.FileSortAttribute', type: 'enum', values: ['Name', 'Size', 'Lastmodifiedtimestamp', 'NONE'], default: 'NONE', help: 'Processing order within one poll.', group: 'Advanced' },
  { name: 'transport.vfs.FileSortAscending', type: 'boolean', default: 'true', help: 'Sort ascending (false: descending).', group: 'Advanced' },
  { name: 'transport.vfs.FileProcessCount', type: 'integer', help: 'At most this many files per poll.', group: 'Advanced' },
  { name: 'transport.vfs.FileProcessInterval', type: 'integer', help: 'Pause in milliseconds between two files of one poll.', group: 'Advanced' },
  { name: 'transport.vfs.FileSizeLimit', type: 'integer', default: '-1', help: 'Files larger than this many bytes are treated as failures (-1: no limit).', group: 'Advanced' },
  { name: 'transport.vfs.Streaming', type: 'boolean', default: 'false', help: 'Pass the file through as a stream without reading it into memory (binary and pass-through flows).', group: 'Advanced' },
  { name: 'transport.vfs.MaxRetryCount', type: 'integer', default: '3', help: 'Reconnect attempts for a remote file system before a poll is given up.', group: 'Remote' },
  { name: 'transport.vfs.ReconnectTimeout', type: 'integer', default: '30000', help: 'Milliseconds between reconnect attempts (seconds on proxies, as MI).', group: 'Remote' },
  { name: 'transport.vfs.ReplyFileURI', type: 'uri', help: 'Proxy only: folder the flow\'s response is written to.', group: 'Reply' },
  { name: 'transport.vfs.ReplyFileName', type: 'string', default: 'response.xml', help: 'Proxy only: name of the reply file.', group: 'Reply' },
];

export const fileInboundDescriptor: InboundProtocolDescriptor = {
  protocol: 'file',
  label: 'File (VFS)',
  help: 'Polls a local or remote folder (file, FTP, FTPS, SFTP, SMB) and injects each matching file; moves or deletes it afterwards.',
  mode: 'polling',
  classNames: ['org.wso2.carbon.inbound.endpoint.protocol.file.VFSProcessor'],
  parameters: [...POLLING_PARAMETERS, ...VFS_PARAMETERS],
};
