import { Type, type Static } from '@sinclair/typebox';

const Band = Type.Object(
  { min: Type.Integer({ minimum: 0 }), max: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false, description: 'A count published only as a range: min to max, both inclusive' },
);
/** A count: exact, or a band where the report's rules forbid the exact figure. */
const Count = Type.Union([Type.Integer({ minimum: 0 }), Band]);
/** Accounts were not reported in some earlier published periods: null there. */
const Accounts = Type.Union([Count, Type.Null()]);
const Percent = Type.Union([Type.Integer({ minimum: 0, maximum: 100 }), Type.Null()], {
  description:
    'Whole per cent of the requests; null where it does not apply or the rules withhold it (it would let a banded or small count be worked out)',
});

const OutcomeCount = Type.Union([Count, Type.Null()], {
  description: 'null where the rules withhold the country’s outcomes, or they were not reported (imported figures)',
});

const ProcessRow = Type.Object(
  {
    process: Type.String({ description: 'subpoena, search_warrant, court_order, mlat, emergency_disclosure, ...' }),
    label: Type.String({ description: 'The legal process as published, e.g. "Search Warrant"' }),
    requests: Count,
    accounts: Accounts,
    percentage_disclosed: Percent,
  },
  { additionalProperties: false },
);

const CountryRow = Type.Object(
  {
    code: Type.String({ description: 'ISO 3166-1 alpha-2 / CLDR territory code' }),
    name: Type.String({ description: 'The territory as published (CLDR English name unless imported)' }),
    region: Type.Union([Type.String(), Type.Null()]),
    requests: Type.Union([Type.Integer({ minimum: 0 }), Band], {
      description: 'The sum of its legal processes’ published requests (preservation excluded): a band when one is',
    }),
    accounts: Accounts,
    percentage_disclosed: Percent,
    percentage_content: Percent,
    percentage_non_content_only: Percent,
    percentage_no_data: Percent,
    percentage_rejected: Percent,
    rejected_or_challenged: OutcomeCount,
    no_data: OutcomeCount,
    processes: Type.Array(ProcessRow),
  },
  { additionalProperties: false },
);

/** The JSON form of a transparency report: what `export --format json` writes and the public API serves. */
export const TransparencyReport = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    period: Type.Object(
      {
        id: Type.String({ examples: ['2026H1'] }),
        kind: Type.Union([Type.Literal('half-year'), Type.Literal('quarter'), Type.Literal('year')]),
        start: Type.String({ format: 'date' }),
        ending: Type.String({ format: 'date' }),
      },
      { additionalProperties: false },
    ),
    provider: Type.String(),
    source: Type.Union([Type.Literal('records'), Type.Literal('imported')], {
      description: 'Built from this provider’s request records, or imported from an earlier published file',
    }),
    generated_at: Type.String({ format: 'date-time' }),
    rules: Type.Array(Type.String(), { description: 'How the figures were counted and banded, in plain words' }),
    threshold: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
    national_security_band: Type.Integer({ minimum: 1 }),
    totals: Type.Object(
      { requests: Count, accounts: Accounts, percentage_disclosed: Percent },
      {
        additionalProperties: false,
        description:
          'All countries; preservation and national security excluded. Every total is the sum of the published figures it adds up, so a band when one of them is',
      },
    ),
    emergency: Type.Object(
      { requests: Count, accounts: Accounts, percentage_disclosed: Percent },
      { additionalProperties: false },
    ),
    preservation: Type.Object({ requests: Count, accounts: Accounts }, { additionalProperties: false }),
    countries: Type.Array(CountryRow),
    national_security: Type.Array(
      Type.Object(
        { code: Type.String(), name: Type.String(), requests: Band, accounts: Band },
        { additionalProperties: false },
      ),
    ),
    notifications: Type.Union([
      Type.Object(
        {
          people: Count,
          by_region: Type.Array(Type.Object({ region: Type.String(), people: Count }, { additionalProperties: false })),
        },
        { additionalProperties: false, description: 'People notified of suspected cyber-mercenary targeting' },
      ),
      Type.Null(),
    ]),
    imported_rows: Type.Optional(
      Type.Array(Type.String(), { description: 'The imported file’s rows, verbatim, so exports reproduce them' }),
    ),
  },
  {
    $id: 'https://accord.invalid/schemas/transparency-report.json',
    title: 'Accord transparency report',
    additionalProperties: false,
  },
);
export type TransparencyReport = Static<typeof TransparencyReport>;
export type Count = Static<typeof Count>;
export type Band = Static<typeof Band>;
export type CountryRow = Static<typeof CountryRow>;
export type ProcessRow = Static<typeof ProcessRow>;
