import { describe, expect, it } from 'vitest';
import { expectAccepted, expectRejected, withProps } from './fixtures/expect.ts';
import { INDICATOR, STATEMENT_MARKING } from './fixtures/samples.ts';
import { TLP, TLP2_EXTENSION_DEFINITION_ID, tlpMarkingDefinition } from './tlp.ts';
import { validateStixObject } from './validate-object.ts';

const TLP2_AMBER = tlpMarkingDefinition('V2_AMBER');
const PAP_EXT = 'extension-definition--f8d78575-edfd-406e-8e84-6162a8450f5b';

describe('marking definitions', () => {
  it('need created and spec_version but no modified', () => {
    expectAccepted(STATEMENT_MARKING);
    expectRejected(
      withProps(STATEMENT_MARKING, { created: undefined }),
      '/created',
      'created is required for marking-definition objects',
    );
    expectRejected(
      withProps(STATEMENT_MARKING, { spec_version: undefined }),
      '/spec_version',
      'spec_version is required for marking-definition objects',
    );
  });

  it('need definition_type and definition unless an extension defines them', () => {
    expectRejected(
      withProps(STATEMENT_MARKING, { definition_type: undefined, definition: undefined }),
      '/definition_type',
      'definition_type and definition are required when extensions is absent',
    );
    expectRejected(
      withProps(STATEMENT_MARKING, { definition: undefined }),
      '/definition',
      'definition is required when definition_type is present',
    );
    expectRejected(
      withProps(STATEMENT_MARKING, { definition: { text: 'x' } }),
      '/definition/statement',
      'a statement marking needs definition.statement as a string',
    );
    expectAccepted(
      withProps(STATEMENT_MARKING, { definition_type: 'x-acme-handling', definition: { rule: 'no-share' } }),
    );
    expectAccepted(
      withProps(STATEMENT_MARKING, {
        definition_type: undefined,
        definition: undefined,
        name: 'PAP:GREEN',
        extensions: { [PAP_EXT]: { extension_type: 'property-extension', pap: 'green' } },
      }),
    );
  });

  it('must not mark themselves', () => {
    expectRejected(
      withProps(STATEMENT_MARKING, { object_marking_refs: [STATEMENT_MARKING.id] }),
      '/object_marking_refs/0',
      'a marking definition must not reference itself (circular reference)',
    );
  });
});

describe('TLP 1.0 marking definitions (section 7.2.1.4)', () => {
  const white = tlpMarkingDefinition('V1_WHITE');
  it('only the four predefined objects may use definition_type "tlp"', () => {
    expectRejected(
      withProps(white, { id: 'marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd' }),
      '/id',
      'id "marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd" is not one of the four predefined TLP marking definitions; other TLP marking definitions must not be created (section 7.2.1.4)',
    );
    expectRejected(
      withProps(white, { definition: { tlp: 'red' } }),
      '/definition/tlp',
      `definition.tlp ("red") does not match the predefined TLP:WHITE marking definition ${TLP.V1_WHITE.id}`,
    );
    expectRejected(
      withProps(white, { definition: { tlp: 'clear' } }),
      '/definition/tlp',
      'definition.tlp must be one of white, green, amber, red (got "clear")',
    );
    expectRejected(
      withProps(white, { definition_type: 'statement', definition: { statement: 'x' } }),
      '/definition_type',
      `TLP:WHITE (${TLP.V1_WHITE.id}) must have definition_type "tlp"`,
    );
  });
});

describe('TLP 2.0 marking definitions', () => {
  const ext = (value: Record<string, unknown>) => ({ [TLP2_EXTENSION_DEFINITION_ID]: value });
  it('must use the published id and name for their level', () => {
    expectAccepted(TLP2_AMBER);
    expectRejected(
      withProps(TLP2_AMBER, { id: TLP.V2_RED.id }),
      '/id',
      `a TLP 2.0 amber marking must use the published id ${TLP.V2_AMBER.id} (got "${TLP.V2_RED.id}")`,
    );
    expectRejected(
      withProps(TLP2_AMBER, { name: 'TLP:RED' }),
      '/name',
      'name must be "TLP:AMBER" for the TLP 2.0 amber marking (got "TLP:RED")',
    );
    expectRejected(
      withProps(TLP2_AMBER, { extensions: ext({ extension_type: 'property-extension', tlp_2_0: 'white' }) }),
      `/extensions/${TLP2_EXTENSION_DEFINITION_ID}/tlp_2_0`,
      'tlp_2_0 must be one of clear, green, amber, amber+strict, red (got "white")',
    );
    expectRejected(
      withProps(TLP2_AMBER, { extensions: ext({ extension_type: 'new-sdo', tlp_2_0: 'amber' }) }),
      `/extensions/${TLP2_EXTENSION_DEFINITION_ID}/extension_type`,
      'the TLP 2.0 extension must have extension_type "property-extension"',
    );
  });

  it('a TLP 2.0 id needs the TLP 2.0 extension', () => {
    expectRejected(
      { ...STATEMENT_MARKING, id: TLP.V2_CLEAR.id },
      '/extensions',
      `TLP:CLEAR (${TLP.V2_CLEAR.id}) must carry the TLP 2.0 extension ${TLP2_EXTENSION_DEFINITION_ID}`,
    );
  });
});

describe('unknown marking references', () => {
  const custom = 'marking-definition--089a6ecb-cc15-43cc-9494-767639779123';
  const marked = withProps(INDICATOR, { object_marking_refs: [TLP.V2_AMBER_STRICT.id, custom] });

  it('are not checked for a lone object without knownMarkingIds', () => {
    expectAccepted(marked);
  });

  it('are refused when the caller lists the markings it knows', () => {
    expectRejected(
      marked,
      '/object_marking_refs/1',
      `unknown marking definition ${custom}: it is not a standard TLP marking, not known to this system and not defined in the same bundle`,
      { knownMarkingIds: new Set() },
    );
    expectAccepted(marked, { knownMarkingIds: new Set([custom]) });
    const granular = withProps(INDICATOR, { granular_markings: [{ marking_ref: custom, selectors: ['pattern'] }] });
    expectRejected(granular, '/granular_markings/0/marking_ref', /^unknown marking definition/, {
      knownMarkingIds: new Set([TLP.V1_RED.id]),
    });
  });

  it('standard TLP markings are always known', () => {
    const all = withProps(INDICATOR, { object_marking_refs: Object.values(TLP).map((m) => m.id) });
    expect(validateStixObject(all, { knownMarkingIds: new Set() }).ok).toBe(true);
  });
});
