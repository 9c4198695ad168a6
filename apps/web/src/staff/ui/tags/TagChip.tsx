import type { TagChip as TagChipData } from '@frontdesk/protocol';
import { textOn } from './contrast';

/** A tag as a small coloured label, its text black or white for contrast. */
export function TagChip({ tag }: { tag: TagChipData }) {
  return (
    <span
      className="fd-tag-chip"
      style={{
        background: tag.color,
        color: textOn(tag.color),
        borderRadius: 4,
        padding: '0 6px',
        fontSize: 12,
        lineHeight: '18px',
        whiteSpace: 'nowrap',
      }}
    >
      {tag.name}
    </span>
  );
}
