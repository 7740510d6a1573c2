import { at, isPlainObject, own, type Issues, type JsonObject } from './issues.ts';
import { checkProps } from './prop-checks.ts';
import { bool, dict, enumOf, hashes, int, refs, ref, required, str, strList, ts, type PropTable } from './props.ts';

/**
 * Required properties and enumerations of the predefined SCO extensions (section 6). Their other
 * properties are type-checked; extensions not listed here (custom or extension-definition based)
 * are only checked by the common `extensions` rules.
 */
const EXTENSION_PROPS: Readonly<Record<string, PropTable>> = {
  'archive-ext': { contains_refs: required(refs('file', 'directory')), comment: str() },
  'ntfs-ext': { sid: str() },
  'pdf-ext': { version: str(), is_optimized: bool(), document_info_dict: dict('string'), pdfid0: str(), pdfid1: str() },
  'raster-image-ext': {
    image_height: int(),
    image_width: int(),
    bits_per_pixel: int(),
    exif_tags: dict('integerOrString'),
  },
  'windows-pebinary-ext': {
    pe_type: required(str()),
    imphash: str(),
    number_of_sections: int(0),
    time_date_stamp: ts(),
    file_header_hashes: hashes(),
  },
  'http-request-ext': {
    request_method: required(str()),
    request_value: required(str()),
    request_version: str(),
    request_header: dict('stringList'),
    message_body_length: int(0),
    message_body_data_ref: ref('artifact'),
  },
  'icmp-ext': { icmp_type_hex: required(str()), icmp_code_hex: required(str()) },
  'socket-ext': {
    address_family: required(
      enumOf('AF_UNSPEC', 'AF_INET', 'AF_IPX', 'AF_APPLETALK', 'AF_NETBIOS', 'AF_INET6', 'AF_IRDA', 'AF_BTH'),
    ),
    is_blocking: bool(),
    is_listening: bool(),
    options: dict('integer'),
    socket_type: enumOf('SOCK_STREAM', 'SOCK_DGRAM', 'SOCK_RAW', 'SOCK_RDM', 'SOCK_SEQPACKET'),
    socket_descriptor: int(0),
    socket_handle: int(),
  },
  'tcp-ext': { src_flags_hex: str(), dst_flags_hex: str() },
  'windows-process-ext': {
    aslr_enabled: bool(),
    dep_enabled: bool(),
    priority: str(),
    owner_sid: str(),
    window_title: str(),
    startup_info: dict(),
    integrity_level: enumOf('low', 'medium', 'high', 'system'),
  },
  'windows-service-ext': {
    service_name: str(),
    descriptions: strList(),
    display_name: str(),
    group_name: str(),
    start_type: enumOf(
      'SERVICE_AUTO_START',
      'SERVICE_BOOT_START',
      'SERVICE_DEMAND_START',
      'SERVICE_DISABLED',
      'SERVICE_SYSTEM_ALERT',
    ),
    service_dll_refs: refs('file'),
    service_type: enumOf(
      'SERVICE_KERNEL_DRIVER',
      'SERVICE_FILE_SYSTEM_DRIVER',
      'SERVICE_WIN32_OWN_PROCESS',
      'SERVICE_WIN32_SHARE_PROCESS',
    ),
    service_status: enumOf(
      'SERVICE_CONTINUE_PENDING',
      'SERVICE_PAUSE_PENDING',
      'SERVICE_PAUSED',
      'SERVICE_RUNNING',
      'SERVICE_START_PENDING',
      'SERVICE_STOP_PENDING',
      'SERVICE_STOPPED',
    ),
  },
  'unix-account-ext': { gid: int(), groups: strList(), home_dir: str(), shell: str() },
};

/** Checks the predefined extensions present in an SCO's `extensions` dictionary. */
export function checkPredefinedExtensions(o: JsonObject, out: Issues): void {
  const extensions = own(o, 'extensions');
  if (!isPlainObject(extensions)) return;
  for (const [key, value] of Object.entries(extensions)) {
    const table = EXTENSION_PROPS[key];
    if (!table || !isPlainObject(value)) continue;
    checkProps(table, value, at('/extensions', key), out);
  }
}
