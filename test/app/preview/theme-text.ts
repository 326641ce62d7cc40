/** A theme's assessment as the final gate wants it: its parts, each with at least 25 words. */
export function themeText(first: string): string {
  const more = 'Vi ser dette i tallene fra de siste årene, i det kommunens tjenester forteller, og i det innbyggerne selv sier i undersøkelser og møter med kommunen.';
  const part = (title: string, text: string) => `## ${title}\n\n${text} ${more}\n`;
  return [part('Status og utvikling', first), part('Årsaksforhold', 'Godt vann og nære turområder kommer av langsiktig planlegging.'), part('Konsekvenser', 'Det gir god helse og trivsel for mange.'), part('Tiltak og planbehov', 'Kommunen vil holde ved like det som virker.')].join('\n');
}
