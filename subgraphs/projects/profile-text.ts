/**
 * Reads a project profile in the plain-text shape of the seed profile (the page the cooperation
 * publishes): title, then labelled sections "Stichworte:", "Anlass:", "Ziel:", "Umsetzung:" …
 */
export const PROFILE_SECTIONS = [
  'Stichworte', 'Hauptverantwortlich', 'Sonstige Beteiligte', 'Kurzprofil', 'Anlass', 'Ziel', 'Umsetzung',
  'Finanzierung', 'Rechtsform', 'Zusammenarbeit seit', 'Kontakt',
] as const;

export type ProfileSection = (typeof PROFILE_SECTIONS)[number];

export interface ProfileText {
  title: string;
  sections: Partial<Record<ProfileSection, string>>;
}

const HEADER = new RegExp(`^(${PROFILE_SECTIONS.join('|')}):\\s*(.*)$`);
const FOOTER = 'Diese Übersicht als PDF herunterladen';

export function parseProfileText(text: string): ProfileText {
  const lines = text.replace(/\r\n?/g, '\n').replace(FOOTER, '').split('\n');
  const title = lines.shift()!.trim();
  const sections: Partial<Record<ProfileSection, string[]>> = {};
  let current: ProfileSection | undefined;
  for (const line of lines) {
    const header = HEADER.exec(line.trim());
    if (header) {
      current = header[1] as ProfileSection;
      sections[current] = header[2] ? [header[2]] : [];
    } else if (current) {
      sections[current]!.push(line);
    }
  }
  const joined: ProfileText['sections'] = {};
  for (const [name, body] of Object.entries(sections) as [ProfileSection, string[]][]) {
    // Paragraphs are separated by blank lines; single line breaks inside a block are kept.
    const value = body.join('\n').replace(/\n{3,}/g, '\n\n').trim();
    if (value) joined[name] = value;
  }
  return { title, sections: joined };
}
