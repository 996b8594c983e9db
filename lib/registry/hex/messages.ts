import { type FieldHeader, ProtoReader, WIRE_LENGTH_DELIMITED, WIRE_VARINT, malformed, readMessage } from "./protobuf";

/*
 * Decoders for Hex's registry v2 messages. Field numbers follow hex_core's
 * proto files (proto/hex_pb_signed.proto, hex_pb_names.proto,
 * hex_pb_versions.proto, hex_pb_package.proto); see
 * https://github.com/hexpm/specifications/blob/main/registry-v2.md.
 * Unknown fields are skipped, so a registry that adds fields keeps working.
 */

export interface HexSigned {
  payload: Uint8Array;
  /** Absent signature decodes as empty bytes; verification then fails. */
  signature: Uint8Array;
}

export interface HexNames {
  repository: string;
  packages: { name: string; /** ISO time, when the registry sends it (newer hex_core). */ updatedAt?: string }[];
}

export interface HexVersionsEntry {
  name: string;
  versions: string[];
  /** Zero-based indexes into `versions` of the retired ones. */
  retired: number[];
}

export interface HexVersions {
  repository: string;
  packages: HexVersionsEntry[];
}

export type RetirementReason = "other" | "invalid" | "security" | "deprecated" | "renamed";

export interface HexRetirement {
  reason: RetirementReason;
  message?: string;
}

export interface HexDependency {
  package: string;
  requirement: string;
  optional: boolean;
  /** OTP application name, when it differs from the package name. */
  app?: string;
  /** Repository of the dependency, when it is not this one. */
  repository?: string;
}

export interface HexRelease {
  version: string;
  /** SHA-256 of VERSION + metadata.config + contents.tar.gz (deprecated by the spec, still sent). */
  innerChecksum?: Uint8Array;
  /** SHA-256 of the whole tarball file. */
  outerChecksum?: Uint8Array;
  dependencies: HexDependency[];
  retired?: HexRetirement;
}

export interface HexPackage {
  name: string;
  repository: string;
  releases: HexRelease[];
}

/** RetirementReason enum values, in proto order. */
const REASONS: readonly RetirementReason[] = ["other", "invalid", "security", "deprecated", "renamed"];

/** `Signed{payload = 1, signature = 2}`. */
export function decodeSigned(bytes: Uint8Array, what: string): HexSigned {
  let payload: Uint8Array | undefined;
  let signature: Uint8Array = new Uint8Array(0);
  readMessage(bytes, what, (reader, header) => {
    if (header.field === 1) payload = lengthDelimited(reader, header).bytesField();
    else if (header.field === 2) signature = lengthDelimited(reader, header).bytesField();
    else return false;
    return true;
  });
  if (payload === undefined) return missing(what, "Signed", "payload");
  return { payload, signature };
}

/**
 * The shape `/names` and `/versions` share: `{packages = 1 (repeated), repository = 2}`,
 * each package decoded by `entry`.
 */
function decodePackageList<T>(bytes: Uint8Array, what: string, entry: (bytes: Uint8Array, what: string) => T): { repository: string; packages: T[] } {
  const list: { repository: string; packages: T[] } = { repository: "", packages: [] };
  readMessage(bytes, what, (reader, header) => {
    if (header.field === 1) list.packages.push(entry(lengthDelimited(reader, header).bytesField(), what));
    else if (header.field === 2) list.repository = lengthDelimited(reader, header).string();
    else return false;
    return true;
  });
  return list;
}

/** `Names{packages = 1, repository = 2}`, `Package{name = 1, updated_at = 3}`. */
export function decodeNames(bytes: Uint8Array, what: string): HexNames {
  return decodePackageList(bytes, what, decodeNamesEntry);
}

function decodeNamesEntry(bytes: Uint8Array, what: string): HexNames["packages"][number] {
  let name: string | undefined;
  let updatedAt: string | undefined;
  readMessage(bytes, what, (reader, header) => {
    if (header.field === 1) name = lengthDelimited(reader, header).string();
    else if (header.field === 3) updatedAt = decodeTimestamp(lengthDelimited(reader, header).bytesField(), what);
    else return false;
    return true;
  });
  if (name === undefined) return missing(what, "Names.Package", "name");
  return updatedAt === undefined ? { name } : { name, updatedAt };
}

/** `Timestamp{seconds = 1, nanos = 2}` (google.protobuf.Timestamp's layout) → ISO time. */
function decodeTimestamp(bytes: Uint8Array, what: string): string | undefined {
  let seconds = 0;
  let nanos = 0;
  readMessage(bytes, what, (reader, header) => {
    if (header.field === 1) seconds = varintField(reader, header).int64();
    else if (header.field === 2) nanos = varintField(reader, header).int32();
    else return false;
    return true;
  });
  const date = new Date(seconds * 1000 + Math.trunc(nanos / 1e6));
  // A timestamp past what Date can hold is dropped rather than failing the whole index.
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** `Versions{packages = 1, repository = 2}`, `Package{name = 1, versions = 2, retired = 3 (packed int32)}`. */
export function decodeVersions(bytes: Uint8Array, what: string): HexVersions {
  return decodePackageList(bytes, what, decodeVersionsEntry);
}

function decodeVersionsEntry(bytes: Uint8Array, what: string): HexVersionsEntry {
  let name: string | undefined;
  const entry: Omit<HexVersionsEntry, "name"> = { versions: [], retired: [] };
  readMessage(bytes, what, (reader, header) => {
    if (header.field === 1) name = lengthDelimited(reader, header).string();
    else if (header.field === 2) entry.versions.push(lengthDelimited(reader, header).string());
    else if (header.field === 3) entry.retired.push(...repeatedInt32(reader, header, what));
    else return false;
    return true;
  });
  if (name === undefined) return missing(what, "Versions.Package", "name");
  return { name, ...entry };
}

/** Packed (the encoder's choice) or one varint per element: parsers must accept both. */
function repeatedInt32(reader: ProtoReader, header: FieldHeader, what: string): number[] {
  if (header.wire === WIRE_VARINT) return [reader.int32()];
  const values: number[] = [];
  readPacked(lengthDelimited(reader, header).bytesField(), what, (packed) => values.push(packed.int32()));
  return values;
}

function readPacked(bytes: Uint8Array, what: string, readOne: (reader: ProtoReader) => void): void {
  // A packed field is values back to back, without keys: read them with a reader of their own.
  const packed = new ProtoReader(bytes, what);
  while (!packed.done()) readOne(packed);
}

/** `Package{releases = 1, name = 2, repository = 3}`. */
export function decodePackage(bytes: Uint8Array, what: string): HexPackage {
  const pkg: HexPackage = { name: "", repository: "", releases: [] };
  readMessage(bytes, what, (reader, header) => {
    if (header.field === 1) pkg.releases.push(decodeRelease(lengthDelimited(reader, header).bytesField(), what));
    else if (header.field === 2) pkg.name = lengthDelimited(reader, header).string();
    else if (header.field === 3) pkg.repository = lengthDelimited(reader, header).string();
    else return false;
    return true;
  });
  return pkg;
}

/** `Release{version = 1, inner_checksum = 2, dependencies = 3, retired = 4, outer_checksum = 5}`. */
function decodeRelease(bytes: Uint8Array, what: string): HexRelease {
  let version: string | undefined;
  const release: Omit<HexRelease, "version"> = { dependencies: [] };
  readMessage(bytes, what, (reader, header) => {
    if (header.field === 1) version = lengthDelimited(reader, header).string();
    else if (header.field === 2) release.innerChecksum = lengthDelimited(reader, header).bytesField();
    else if (header.field === 3) release.dependencies.push(decodeDependency(lengthDelimited(reader, header).bytesField(), what));
    else if (header.field === 4) release.retired = decodeRetirement(lengthDelimited(reader, header).bytesField(), what);
    else if (header.field === 5) release.outerChecksum = lengthDelimited(reader, header).bytesField();
    else return false;
    return true;
  });
  if (version === undefined) return missing(what, "Release", "version");
  return { version, ...release };
}

/** `RetirementStatus{reason = 1 (enum), message = 2}`. */
function decodeRetirement(bytes: Uint8Array, what: string): HexRetirement {
  let reason: RetirementReason = "other";
  let message: string | undefined;
  readMessage(bytes, what, (reader, header) => {
    // An enum value newer than this decoder still means "retired": call it other.
    if (header.field === 1) reason = REASONS[varintField(reader, header).int32()] ?? "other";
    else if (header.field === 2) message = lengthDelimited(reader, header).string();
    else return false;
    return true;
  });
  return message === undefined || message === "" ? { reason } : { reason, message };
}

/** `Dependency{package = 1, requirement = 2, optional = 3, app = 4, repository = 5}`. */
function decodeDependency(bytes: Uint8Array, what: string): HexDependency {
  let name: string | undefined;
  let requirement: string | undefined;
  const dependency: Omit<HexDependency, "package" | "requirement"> = { optional: false };
  readMessage(bytes, what, (reader, header) => {
    if (header.field === 1) name = lengthDelimited(reader, header).string();
    else if (header.field === 2) requirement = lengthDelimited(reader, header).string();
    else if (header.field === 3) dependency.optional = varintField(reader, header).bool();
    else if (header.field === 4) dependency.app = lengthDelimited(reader, header).string();
    else if (header.field === 5) dependency.repository = lengthDelimited(reader, header).string();
    else return false;
    return true;
  });
  if (name === undefined) return missing(what, "Dependency", "package");
  if (requirement === undefined) return missing(what, "Dependency", "requirement");
  return { package: name, requirement, ...dependency };
}

function lengthDelimited(reader: ProtoReader, header: FieldHeader): ProtoReader {
  reader.expect(header, WIRE_LENGTH_DELIMITED);
  return reader;
}

function varintField(reader: ProtoReader, header: FieldHeader): ProtoReader {
  reader.expect(header, WIRE_VARINT);
  return reader;
}

/** A field the schema requires is absent. */
function missing(what: string, message: string, field: string): never {
  throw malformed(what, `${message} has no ${field}`);
}
