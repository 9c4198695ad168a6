export { ChatClient, type ChatClientOptions, ChatError, type ChatSocket } from './chat-client.js';
