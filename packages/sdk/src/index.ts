export { ChatClient, type ChatClientOptions, ChatError } from './chat-client.js';
