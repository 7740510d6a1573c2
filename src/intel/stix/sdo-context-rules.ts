import { checkOrder } from './cross-checks.ts';
import { any, enumOf, float, int, refs, required, str, strList, ts } from './props.ts';
import type { TypeRule } from './rule.ts';
import { locationRules, observedDataContent } from './sdo-checks.ts';

/** SDOs that give context: who, where, what was seen, and collections of other objects (section 4). */
export const SDO_CONTEXT_RULES: Readonly<Record<string, TypeRule>> = {
  grouping: {
    category: 'sdo',
    props: {
      name: str(),
      description: str(),
      context: required(str({ nonEmpty: true })),
      object_refs: required(refs()),
    },
  },
  identity: {
    category: 'sdo',
    props: {
      name: required(str()),
      description: str(),
      roles: strList(),
      identity_class: str(),
      sectors: strList(),
      contact_information: str(),
    },
  },
  incident: { category: 'sdo', props: { name: required(str()), description: str() } },
  location: {
    category: 'sdo',
    props: {
      name: str(),
      description: str(),
      latitude: float(-90, 90),
      longitude: float(-180, 180),
      precision: float(),
      region: str(),
      country: str(),
      administrative_area: str(),
      city: str(),
      street_address: str(),
      postal_code: str(),
    },
    check: locationRules,
  },
  note: {
    category: 'sdo',
    props: { abstract: str(), content: required(str()), authors: strList(), object_refs: required(refs()) },
  },
  'observed-data': {
    category: 'sdo',
    props: {
      first_observed: required(ts()),
      last_observed: required(ts()),
      number_observed: required(int(1, 999_999_999)),
      objects: any(),
      object_refs: refs(),
    },
    check: (o, out) => {
      checkOrder(o, 'first_observed', 'last_observed', false, out);
      observedDataContent(o, out);
    },
  },
  opinion: {
    category: 'sdo',
    props: {
      explanation: str(),
      authors: strList(),
      opinion: required(enumOf('strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree')),
      object_refs: required(refs()),
    },
  },
  report: {
    category: 'sdo',
    props: {
      name: required(str()),
      description: str(),
      report_types: strList(),
      published: required(ts()),
      object_refs: required(refs()),
    },
  },
};
