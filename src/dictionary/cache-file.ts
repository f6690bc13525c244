import fs from 'node:fs';
import {
  alignTo8,
  BYTES_PER_ELEMENT,
  CACHE_MAGIC,
  type CacheHeader,
  SECTION_NAMES,
  type SectionHeader,
  type SectionType,
} from './cache-format';
import type { Sections } from './stock-sections';

/** Writes and reads the prepared dictionary cache (see cache-format.ts). */

function typeOf(array: Sections[keyof Sections]): SectionType {
  if (array instanceof Int32Array) return 'Int32';
  if (array instanceof Int16Array) return 'Int16';
  if (array instanceof Uint32Array) return 'Uint32';
  return 'Uint8';
}

function longestFeature(features: Uint8Array): number {
  let longest = 0;
  let start = 0;
  for (let index = 0; index < features.length; index++) {
    if (features[index] === 0) {
      longest = Math.max(longest, index - start + 1);
      start = index + 1;
    }
  }
  return longest;
}

export function writeCacheFile(file: string, sections: Sections, source: CacheHeader['source']): void {
  const headers: SectionHeader[] = [];
  let offset = 0;
  for (const name of SECTION_NAMES) {
    const array = sections[name];
    headers.push({ name, type: typeOf(array), offset, length: array.length });
    offset = alignTo8(offset + array.byteLength);
  }
  const maxFeatureBytes = longestFeature(sections.features as Uint8Array);
  const header = Buffer.from(JSON.stringify({ source, sections: headers, maxFeatureBytes } satisfies CacheHeader), 'utf8');
  const dataStart = alignTo8(CACHE_MAGIC.length + 4 + header.length);
  const out = Buffer.alloc(dataStart + offset);
  CACHE_MAGIC.copy(out, 0);
  out.writeUInt32LE(header.length, CACHE_MAGIC.length);
  header.copy(out, CACHE_MAGIC.length + 4);
  for (const section of headers) {
    const array = sections[section.name as keyof Sections];
    Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(out, dataStart + section.offset);
  }
  // Write beside the target and rename, so a reader never sees half a file.
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, out);
  fs.renameSync(partial, file);
}

export class CacheFormatError extends Error {}

/** Feature strings by byte offset: from memory, or read from the cache file on demand. */
export interface FeatureSource {
  /** The null-terminated UTF-8 string at `offset`, without its terminator. */
  read(offset: number): string;
}

const decoder = new TextDecoder('utf-8');

export function featuresInMemory(bytes: Uint8Array): FeatureSource {
  return {
    read(offset) {
      let end = offset;
      while (end < bytes.length && bytes[end] !== 0) end++;
      return decoder.decode(bytes.subarray(offset, end));
    },
  };
}

function featuresFromFile(fd: number, start: number, length: number, maxBytes: number): FeatureSource {
  const scratch = Buffer.alloc(maxBytes);
  return {
    read(offset) {
      const wanted = Math.min(maxBytes, length - offset);
      const got = fs.readSync(fd, scratch, 0, wanted, start + offset);
      const end = scratch.indexOf(0);
      return scratch.toString('utf8', 0, end >= 0 && end < got ? end : got);
    },
  };
}

export interface CacheContents {
  readonly header: CacheHeader;
  /** Every section but the feature strings, which `features` reads from the file on demand. */
  readonly sections: Omit<Sections, 'features'>;
  readonly features: FeatureSource;
}

function readExactly(fd: number, length: number, position: number): Buffer {
  // A fresh ArrayBuffer: aligned for typed-array views, and not a slice of Node's shared pool.
  const buffer = Buffer.from(new ArrayBuffer(length));
  let done = 0;
  while (done < length) {
    const got = fs.readSync(fd, buffer, done, length - done, position + done);
    if (got === 0) throw new CacheFormatError('it is cut short');
    done += got;
  }
  return buffer;
}

/**
 * Opens the cache: reads everything but the feature strings into memory (about 21 MB) and
 * keeps the file open to read feature strings as words are first seen.
 */
export function readCacheFile(file: string): CacheContents {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size < CACHE_MAGIC.length + 4) throw new CacheFormatError('it is not a dictionary cache of this version');
    const lead = readExactly(fd, CACHE_MAGIC.length + 4, 0);
    if (!lead.subarray(0, CACHE_MAGIC.length).equals(CACHE_MAGIC))
      throw new CacheFormatError('it is not a dictionary cache of this version');
    const headerLength = lead.readUInt32LE(CACHE_MAGIC.length);
    if (headerLength > size) throw new CacheFormatError('its header is cut short');
    let header: CacheHeader;
    try {
      header = JSON.parse(readExactly(fd, headerLength, CACHE_MAGIC.length + 4).toString('utf8')) as CacheHeader;
    } catch {
      throw new CacheFormatError('its header is not valid JSON');
    }
    const dataStart = alignTo8(CACHE_MAGIC.length + 4 + headerLength);
    const featuresHeader = header.sections.find((section) => section.name === 'features');
    if (!featuresHeader) throw new CacheFormatError('the section "features" is missing');
    if (dataStart + featuresHeader.offset + featuresHeader.length > size) throw new CacheFormatError('it is cut short');
    const eager = readExactly(fd, featuresHeader.offset, dataStart);
    const sections: Partial<Sections> = {};
    for (const name of SECTION_NAMES) {
      if (name === 'features') continue;
      const section = header.sections.find((candidate) => candidate.name === name);
      if (!section) throw new CacheFormatError(`the section "${name}" is missing`);
      const byteLength = section.length * BYTES_PER_ELEMENT[section.type];
      if (section.offset + byteLength > eager.length) throw new CacheFormatError(`the section "${name}" is cut short`);
      const buffer = eager.buffer;
      const start = eager.byteOffset + section.offset;
      sections[name] =
        section.type === 'Int32'
          ? new Int32Array(buffer, start, section.length)
          : section.type === 'Int16'
            ? new Int16Array(buffer, start, section.length)
            : section.type === 'Uint32'
              ? new Uint32Array(buffer, start, section.length)
              : new Uint8Array(buffer, start, section.length);
    }
    // The descriptor stays open for the life of the process: the tokenizer reads through it.
    const features = featuresFromFile(fd, dataStart + featuresHeader.offset, featuresHeader.length, header.maxFeatureBytes);
    return { header, sections: sections as Omit<Sections, 'features'>, features };
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
}
