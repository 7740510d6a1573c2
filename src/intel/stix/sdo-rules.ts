import { requireOneOf } from './cross-checks.ts';
import { has, own } from './issues.ts';
import { bool, killChain, ref, refs, required, str, strList, ts, type PropTable } from './props.ts';
import type { TypeRule } from './rule.ts';
import { externalIdForm, indicatorChecks, seenOrder } from './sdo-checks.ts';
import { SDO_CONTEXT_RULES } from './sdo-context-rules.ts';

/**
 * STIX Domain Objects (section 4): behaviours, actors and tooling here, context objects in
 * sdo-context-rules.ts. Open vocabularies are plain strings; only enumerations are enforced.
 */

const name = required(str());
const seen: PropTable = { first_seen: ts(), last_seen: ts() };

const TTP_RULES: Readonly<Record<string, TypeRule>> = {
  'attack-pattern': {
    category: 'sdo',
    props: { name, description: str(), aliases: strList(), kill_chain_phases: killChain() },
    check: externalIdForm('capec', /^CAPEC-\d+$/, 'CAPEC-[id]'),
  },
  campaign: {
    category: 'sdo',
    props: { name, description: str(), aliases: strList(), ...seen, objective: str() },
    check: seenOrder,
  },
  'course-of-action': { category: 'sdo', props: { name, description: str() } },
  indicator: {
    category: 'sdo',
    props: {
      name: str(),
      description: str(),
      indicator_types: strList(),
      pattern: required(str({ nonEmpty: true })),
      pattern_type: required(str({ nonEmpty: true })),
      pattern_version: str(),
      valid_from: required(ts()),
      valid_until: ts(),
      kill_chain_phases: killChain(),
    },
    check: indicatorChecks,
  },
  infrastructure: {
    category: 'sdo',
    props: {
      name,
      description: str(),
      infrastructure_types: strList(),
      aliases: strList(),
      kill_chain_phases: killChain(),
      ...seen,
    },
    check: seenOrder,
  },
  'intrusion-set': {
    category: 'sdo',
    props: {
      name,
      description: str(),
      aliases: strList(),
      ...seen,
      goals: strList(),
      resource_level: str(),
      primary_motivation: str(),
      secondary_motivations: strList(),
    },
    check: seenOrder,
  },
  malware: {
    category: 'sdo',
    props: {
      name: str(),
      description: str(),
      malware_types: strList(),
      is_family: required(bool()),
      aliases: strList(),
      kill_chain_phases: killChain(),
      ...seen,
      operating_system_refs: refs('software'),
      architecture_execution_envs: strList(),
      implementation_languages: strList(),
      capabilities: strList(),
      sample_refs: refs('file', 'artifact'),
    },
    check: (o, out) => {
      if (own(o, 'is_family') === true && !has(o, 'name')) out.add('/name', 'name is required when is_family is true');
      seenOrder(o, out);
    },
  },
  'malware-analysis': {
    category: 'sdo',
    props: {
      product: required(str({ nonEmpty: true })),
      version: str(),
      host_vm_ref: ref('software'),
      operating_system_ref: ref('software'),
      installed_software_refs: refs('software'),
      configuration_version: str(),
      modules: strList(),
      analysis_engine_version: str(),
      analysis_definition_version: str(),
      submitted: ts(),
      analysis_started: ts(),
      analysis_ended: ts(),
      result_name: str(),
      result: str(),
      analysis_sco_refs: refs(),
      sample_ref: ref('file', 'network-traffic', 'artifact'),
    },
    check: (o, out) => requireOneOf(o, ['result', 'analysis_sco_refs'], out),
  },
  'threat-actor': {
    category: 'sdo',
    props: {
      name,
      description: str(),
      threat_actor_types: strList(),
      aliases: strList(),
      ...seen,
      roles: strList(),
      goals: strList(),
      sophistication: str(),
      resource_level: str(),
      primary_motivation: str(),
      secondary_motivations: strList(),
      personal_motivations: strList(),
    },
    check: seenOrder,
  },
  tool: {
    category: 'sdo',
    props: {
      name,
      description: str(),
      tool_types: strList(),
      aliases: strList(),
      kill_chain_phases: killChain(),
      tool_version: str(),
    },
  },
  vulnerability: {
    category: 'sdo',
    props: { name, description: str() },
    check: externalIdForm('cve', /^CVE-\d{4}-\d{4,}$/, 'CVE-YYYY-NNNN'),
  },
};

export const SDO_RULES: Readonly<Record<string, TypeRule>> = { ...TTP_RULES, ...SDO_CONTEXT_RULES };
