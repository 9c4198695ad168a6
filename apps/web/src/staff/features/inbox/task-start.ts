import { createContext, useContext } from 'react';
import type { Message } from '../../types';

/** Opens the "Create task" dialog from a message of the open conversation; null where tasks cannot be made. */
export const TaskStartContext = createContext<((message: Message | null) => void) | null>(null);

export const useTaskStart = () => useContext(TaskStartContext);
