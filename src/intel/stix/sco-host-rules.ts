import { notBoth, requireOneOf, requiresPresence } from './cross-checks.ts';
import { has } from './issues.ts';
import {
  bool,
  dict,
  enumOf,
  hashes,
  int,
  obj,
  objList,
  ref,
  refs,
  required,
  str,
  strList,
  ts,
  type PropTable,
} from './props.ts';
import type { TypeRule } from './rule.ts';
import { atLeastOneSpecific, registryValues, sco } from './sco-checks.ts';

/** SCOs describing hosts: files, processes, accounts, registry keys, certificates (section 6). */

const PROCESS: PropTable = {
  is_hidden: bool(),
  pid: int(),
  created_time: ts(),
  cwd: str(),
  command_line: str(),
  environment_variables: dict('string'),
  opened_connection_refs: refs('network-traffic'),
  creator_user_ref: ref('user-account'),
  image_ref: ref('file'),
  parent_ref: ref('process'),
  child_refs: refs('process'),
};

const USER_ACCOUNT: PropTable = {
  user_id: str(),
  credential: str(),
  account_login: str(),
  account_type: str(),
  display_name: str(),
  is_service_account: bool(),
  is_privileged: bool(),
  can_escalate_privs: bool(),
  is_disabled: bool(),
  account_created: ts(),
  account_expires: ts(),
  credential_last_changed: ts(),
  account_first_login: ts(),
  account_last_login: ts(),
};

const REGISTRY_KEY: PropTable = {
  key: str(),
  values: objList(),
  modified_time: ts(),
  creator_user_ref: ref('user-account'),
  number_of_subkeys: int(0),
};

const X509: PropTable = {
  is_self_signed: bool(),
  hashes: hashes(),
  version: str(),
  serial_number: str(),
  signature_algorithm: str(),
  issuer: str(),
  validity_not_before: ts(),
  validity_not_after: ts(),
  subject: str(),
  subject_public_key_algorithm: str(),
  subject_public_key_modulus: str(),
  subject_public_key_exponent: int(),
  x509_v3_extensions: obj(),
};

export const SCO_HOST_RULES: Readonly<Record<string, TypeRule>> = {
  artifact: sco(
    {
      mime_type: str(),
      payload_bin: str(),
      url: str(),
      hashes: hashes(),
      encryption_algorithm: enumOf('AES-256-GCM', 'ChaCha20-Poly1305', 'mime-type-indicated'),
      decryption_key: str(),
    },
    (o, out) => {
      requireOneOf(o, ['payload_bin', 'url'], out);
      notBoth(o, 'payload_bin', 'url', out);
      if (has(o, 'url') && !has(o, 'hashes')) out.add('/hashes', 'hashes is required when url is present');
      requiresPresence(o, 'decryption_key', 'encryption_algorithm', out);
    },
  ),
  directory: sco({
    path: required(str()),
    path_enc: str(),
    ctime: ts(),
    mtime: ts(),
    atime: ts(),
    contains_refs: refs('file', 'directory'),
  }),
  file: sco(
    {
      hashes: hashes(),
      size: int(0),
      name: str(),
      name_enc: str(),
      magic_number_hex: str({ pattern: /^(?:[0-9a-fA-F]{2})+$/, hint: 'must be an even number of hexadecimal digits' }),
      mime_type: str(),
      ctime: ts(),
      mtime: ts(),
      atime: ts(),
      parent_directory_ref: ref('directory'),
      contains_refs: refs(),
      content_ref: ref('artifact'),
    },
    (o, out) => {
      requireOneOf(o, ['hashes', 'name'], out);
      requiresPresence(o, 'name_enc', 'name', out);
    },
  ),
  mutex: sco({ name: required(str()) }),
  process: sco(PROCESS, atLeastOneSpecific(PROCESS, true)),
  software: sco({
    name: required(str()),
    cpe: str(),
    swid: str(),
    languages: strList(),
    vendor: str(),
    version: str(),
  }),
  'user-account': sco(USER_ACCOUNT, atLeastOneSpecific(USER_ACCOUNT, true)),
  'windows-registry-key': sco(REGISTRY_KEY, (o, out) => {
    atLeastOneSpecific(REGISTRY_KEY, false)(o, out);
    registryValues(o, out);
  }),
  'x509-certificate': sco(X509, atLeastOneSpecific(X509, false)),
};
