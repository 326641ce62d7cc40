import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTemplates } from '../../src/report/markdown.js';
import { precompiledModule, shippedTemplateNames } from '../../src/report/precompile-templates.js';
import { precompiledSpec, type PrecompiledTemplates } from '../../src/report/precompiled.js';
import { tempDir } from '../helpers.js';
import { smallDocument } from './small-document.js';

/** The build's module of precompiled templates, written and loaded as a run loads it. */
function precompiled(): PrecompiledTemplates {
  const file = join(tempDir(), 'markdown.cjs');
  writeFileSync(file, precompiledModule());
  return createRequire(import.meta.url)(file) as PrecompiledTemplates;
}

describe('the shipped templates, precompiled by the build', () => {
  const table = precompiled();
  it('has every shipped Markdown template, the documents and the partials', () => {
    expect(Object.keys(table.templates).sort()).toEqual(shippedTemplateNames());
    expect(shippedTemplateNames()).toEqual(expect.arrayContaining(['document.md.hbs', 'region.md.hbs', 'partials/section.md.hbs']));
  });
  it.each(['Levanger', '{{constructor}} | # <b>x</b> `a` **b**'])('renders exactly what the templates compiled at run time render: %j', (text) => {
    for (const main of ['document.md.hbs', 'region.md.hbs']) {
      for (const lang of ['nb', 'nn'] as const) expect(compileTemplates(undefined, main, table)(smallDocument(text, lang)), main).toBe(compileTemplates(undefined, main, null)(smallDocument(text, lang)));
    }
  });
  it('is used only for the source it was compiled from, by the Handlebars that compiled it', () => {
    expect(precompiledSpec(table, 'document.md.hbs', 'changed since the build')).toBeUndefined();
    expect(precompiledSpec({ ...table, handlebars: '0.0.1' }, 'partials/table.md.hbs', '')).toBeUndefined();
  });
  it("compiles a user's own partial beside the shipped ones precompiled", () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'partials'), { recursive: true });
    writeFileSync(join(dir, 'partials', 'paragraph.md.hbs'), 'EGEN: {{text}}');
    const md = compileTemplates(dir, 'document.md.hbs', table)(smallDocument('Levanger'));
    expect(md).toContain('EGEN: ');
    expect(md).toBe(compileTemplates(dir, 'document.md.hbs', null)(smallDocument('Levanger')));
  });
});
