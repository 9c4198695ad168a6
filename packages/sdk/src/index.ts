export { ChatClient, type ChatClientOptions, ChatError, type ChatSocket } from './chat-client.js';
export { type UploadOptions, type UploadRequest, uploadAttachment } from './upload.js';
