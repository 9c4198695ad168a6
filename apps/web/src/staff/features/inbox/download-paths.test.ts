import { describe, expect, it } from 'vitest';
import { conversationsCsvPath, stayTranscriptPath, transcriptPath } from './download-paths';

describe('download paths', () => {
  it('the inbox tab and its tag as the CSV’s filters', () => {
    expect(conversationsCsvPath('queued', null)).toBe('/api/v1/conversations.csv?status=queued');
    expect(conversationsCsvPath('mine', 'tag-1')).toBe('/api/v1/conversations.csv?status=open&mine=true&tag=tag-1');
    expect(conversationsCsvPath('resolved', null)).toBe('/api/v1/conversations.csv?status=resolved');
  });

  it('transcripts of a request and of a stay', () => {
    expect(transcriptPath('c1', 'pdf')).toBe('/api/v1/conversations/c1/transcript.pdf');
    expect(stayTranscriptPath('s1', 'txt')).toBe('/api/v1/stays/s1/transcript.txt');
  });
});
