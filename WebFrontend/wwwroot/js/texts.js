// Splits what was typed in "many texts" mode into the texts of a batch.

/** 'lines': each non-blank line is a text. 'paragraphs': texts are separated by blank lines (a paragraph keeps its
 * line breaks). 'auto': paragraphs when there is a blank line between two texts, else lines. */
export function splitTexts(value, mode = 'auto') {
  const text = value.replace(/\r\n?/g, '\n').trim();
  if (text === '') return [];
  const paragraphs = mode === 'paragraphs' || (mode === 'auto' && /\n[ \t]*\n/.test(text));
  const parts = paragraphs ? text.split(/\n[ \t]*\n/) : text.split('\n');
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}
