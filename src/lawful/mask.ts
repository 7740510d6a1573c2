/**
 * A target identifier as lists and views show it: enough to tell two targets apart, not enough to identify anyone.
 * E-mail keeps the first character of the local part and the top-level domain; anything else keeps its last two
 * characters (a phone number's last two digits). The clear value needs `lawful:reveal`.
 */
export function maskIdentifier(value: string): string {
  const chars = [...value.trim()];
  const at = chars.lastIndexOf('@');
  if (at > 0) {
    const domain = chars.slice(at + 1).join('');
    const dot = domain.lastIndexOf('.');
    const tld = dot >= 0 ? domain.slice(dot) : '';
    return `${chars[0]}•••@•••${tld}`;
  }
  if (chars.length <= 4) return '•'.repeat(chars.length);
  return `•••${chars.slice(-2).join('')}`;
}
