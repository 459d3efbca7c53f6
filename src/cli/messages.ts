/**
 * Observation and input errors in the user's language. The engine states each problem in English (its messages
 * are part of its API and of the tests that hold it); the CLI prints them in the chosen locale, like verdicts.
 * Each entry below is keyed by the error's code: `en` matches one English sentence the engine writes, its named
 * groups are the placeholders, and `zh` is the same sentence in Chinese. A sentence no entry matches is printed
 * as written; test/cli/locale.test.ts holds that the sentences the engine writes for bad input all have one.
 */
import type { Locale } from '../model/edition.js';

/** One translatable sentence: the English pattern (named groups are its placeholders) and the Chinese template. */
export interface MessageEntry {
  en: RegExp;
  zh: string;
}

const Q = '"(?<key>[^"]*)"';
const GOT = ', got (?<got>.*)';

/** Sentences of observation issues (`ObservationIssue.message`), by issue code. */
export const OBSERVATION_MESSAGES: Readonly<Record<string, readonly MessageEntry[]>> = {
  E_HOSTILE_KEY: [{ en: new RegExp(`^key ${Q} is not allowed$`), zh: '不允许使用键 "{key}"' }],
  E_UNKNOWN_FACT: [
    { en: new RegExp(`^unknown fact ${Q} for (?<ref>.+)$`), zh: '{ref} 没有事实项 "{key}"' },
    { en: new RegExp(`^evidence for unknown fact ${Q}$`), zh: '证据所属的事实项 "{key}" 不存在' },
  ],
  E_SHAPE: [
    { en: /^an observation must be a JSON object$/, zh: '检查记录应为一个 JSON 对象' },
    { en: new RegExp(`^unknown field ${Q}$`), zh: '未知字段 "{key}"' },
    { en: /^facts must be an object of fact id → value$/, zh: 'facts 应为“事实项 id → 值”的对象' },
    { en: /^evidence must be an object of fact id → list of evidence references$/, zh: 'evidence 应为“事实项 id → 证据引用列表”的对象' },
    { en: /^must be a list of at most (?<n>\d+) evidence references$/, zh: '应为至多 {n} 条证据引用的列表' },
    { en: /^must be a string$/, zh: '应为字符串' },
    { en: /^must be an object$/, zh: '应为对象' },
    { en: /^must be a date-time with time zone(?: \((?<example>[^)]*)\))?$/, zh: '应为带时区的日期时间(如 2026-11-20T09:30:00+08:00)' },
    { en: /^must be a number from (?<min>\S+) to (?<max>\S+)$/, zh: '应为 {min} 到 {max} 之间的数' },
    { en: /^unknown evidence kind$/, zh: '未知的证据类型' },
    { en: /^must be "sha256:" and 64 lowercase hex digits$/, zh: '应为 "sha256:" 加 64 位小写十六进制数字' },
  ],
  E_LIMIT: [{ en: /^is longer than (?<n>\d+) characters$/, zh: '超过 {n} 个字符' }],
  E_FACT_TYPE: [
    { en: new RegExp(`^must be true or false${GOT}$`), zh: '应为 true 或 false,实为 {got}' },
    { en: new RegExp(`^must be a finite number in (?<unit>.+?)${GOT}$`), zh: '应为以 {unit} 计的有限数值,实为 {got}' },
    { en: new RegExp(`^must be a finite number${GOT}$`), zh: '应为有限数值,实为 {got}' },
    { en: new RegExp(`^must be a whole number${GOT}$`), zh: '应为整数,实为 {got}' },
    { en: new RegExp(`^must be a date YYYY-MM-DD${GOT}$`), zh: '应为日期 YYYY-MM-DD,实为 {got}' },
    { en: new RegExp(`^must be a date-time with time zone \\([^)]*\\)${GOT}$`), zh: '应为带时区的日期时间(如 2026-11-20T09:30:00+08:00),实为 {got}' },
  ],
  E_FACT_RANGE: [
    { en: /^(?<v>\S+) is below the minimum (?<limit>\S+)$/, zh: '{v} 低于最小值 {limit}' },
    { en: /^(?<v>\S+) is above the maximum (?<limit>\S+)$/, zh: '{v} 高于最大值 {limit}' },
  ],
  E_FACT_CHOICE: [{ en: new RegExp(`^must be one of the choices${GOT}$`), zh: '应为选项之一,实为 {got}' }],
  E_STANDARD_REF: [
    { en: /^the observation must name its standard as "id" or "id@version"$/, zh: '检查记录须以 "id" 或 "id@版本" 写明所依标准' },
    {
      en: /^no edition of "(?<ref>[^"]*)" was in force on (?<day>\S+) \(the day of observedAt\); pin one as "[^"]*" to evaluate against it anyway$/,
      zh: '{day}(observedAt 当日)没有生效的 "{ref}" 版本;如仍要按某一版本判定,请写明 "{ref}@<版本>"',
    },
    { en: new RegExp(`^no edition ${Q}$`), zh: '没有版本 "{key}"' },
    { en: new RegExp(`^no profile ${Q}$`), zh: '没有城市配置 "{key}"' },
    { en: /^observation is for "(?<obs>[^"]*)", not (?<ref>.+)$/, zh: '检查记录所依标准为 "{obs}",不是 {ref}' },
  ],
};

/** Sentences of input errors (`InputError.reason`, the message without its file prefix), by error code. */
export const INPUT_MESSAGES: Readonly<Record<string, readonly MessageEntry[]>> = {
  E_JSON: [
    { en: /^not valid JSON: expected (?<expected>.+), found (?<found>.+)$/, zh: '不是有效的 JSON:此处应为{expected},实为{found}' },
    { en: /^not valid JSON \((?<detail>.*)\)$/, zh: '不是有效的 JSON({detail})' },
  ],
  E_DUPLICATE_KEY: [
    { en: /^key (?<key>".*") appears twice in one object \(first at (?<first>\d+:\d+)\); keep one$/, zh: '同一对象中键 {key} 出现两次(第一次在 {first});只保留一个' },
  ],
  E_DEPTH: [{ en: /^(?:(?<path>.+): )?values are nested deeper than (?<n>\d+) levels$/, zh: '{path}嵌套超过 {n} 层' }],
  E_VALUE: [
    { en: /^holds more than (?<n>\d+) values$/, zh: '所含的值超过 {n} 个' },
    { en: /^(?<path>.+): (?<v>\S+) is not a finite number$/, zh: '{path}:{v} 不是有限数值' },
    { en: /^(?<path>.+): a (?<type>\w+) is not JSON data$/, zh: '{path}:{type} 不是 JSON 数据' },
    { en: /^(?<path>.+): the value contains itself \(a cycle\)$/, zh: '{path}:值包含自身(循环引用)' },
  ],
  E_ENCODING: [{ en: /^byte (?<n>\d+) \((?<hex>0x[0-9a-f]+)\) is not valid UTF-8; save the file as UTF-8$/, zh: '第 {n} 字节({hex})不是有效的 UTF-8;请将文件存为 UTF-8' }],
  E_TOO_LARGE: [
    { en: /^is larger than (?<n>[\d,]+) bytes$/, zh: '大于 {n} 字节' },
    { en: /^line is longer than (?<n>[\d,]+) bytes$/, zh: '此行长于 {n} 字节' },
  ],
  E_NOT_FILE: [
    { en: /^is (?<kind>.+), not a file$/, zh: '是{kind},不是文件' },
    { en: /^is (?<kind>.+); give a file path to write$/, zh: '是{kind};请给出要写入的文件路径' },
    { en: /^a part of the path is a file, not a folder$/, zh: '路径中有一段是文件,不是文件夹' },
    { en: /^is a folder; give a file path$/, zh: '是文件夹;请给出文件路径' },
    { en: /^cannot write: (?<parent>.+) is not a folder$/, zh: '无法写入:{parent} 不是文件夹' },
    { en: /^is a file \(or has a file in its path\); give a folder$/, zh: '是文件(或路径中有文件);请给出文件夹' },
  ],
  E_NO_SUCH_FILE: [
    { en: /^no such file or folder$/, zh: '没有这个文件或文件夹' },
    { en: /^the folder holds no observation files \(\*\.json\)$/, zh: '文件夹中没有检查记录文件(*.json)' },
    { en: /^cannot write: the folder (?<folder>.+) does not exist$/, zh: '无法写入:文件夹 {folder} 不存在' },
  ],
  E_READ: [
    { en: /^cannot (?<doing>read|write): permission denied$/, zh: '无法{doing}:没有权限' },
    { en: /^cannot (?<doing>read|write): too many symbolic links \(a symlink loop\)$/, zh: '无法{doing}:符号链接过多(链接成环)' },
    { en: /^cannot (?<doing>read|write): the path is too long$/, zh: '无法{doing}:路径过长' },
    { en: /^cannot read: is a folder$/, zh: '无法读取:是文件夹' },
    { en: /^cannot write: no file can be created there$/, zh: '无法写入:该处不能创建文件' },
    { en: /^cannot write: the file system is read-only$/, zh: '无法写入:文件系统只读' },
    { en: /^cannot write: no space left on the device$/, zh: '无法写入:设备空间不足' },
  ],
};

/** English phrases that appear inside other sentences (what a JSON reader expected or found, a file's kind, an action). */
const PHRASES: Readonly<Record<string, string>> = {
  'a value': '一个值',
  'a value or "]"': '一个值或 "]"',
  'a key in double quotes or "}"': '带双引号的键或 "}"',
  'a key in double quotes': '带双引号的键',
  '"," or a closing bracket': '"," 或右括号',
  'the end of the text': '文本结尾',
  'a comment (comments are not JSON)': '注释(JSON 不允许注释)',
  'a string that does not end on its line': '未在本行结束的字符串',
  'a number that ends too early': '不完整的数字',
  'a \\u escape that is not four hex digits': '不是四位十六进制数字的 \\u 转义',
  'an escape that JSON does not have': 'JSON 没有的转义',
  'a control character inside a string (escape it)': '字符串中的控制字符(请转义)',
  'a malformed token': '无法识别的记号',
  'a string': '字符串',
  'a folder': '文件夹',
  'a FIFO (named pipe)': '命名管道(FIFO)',
  'a character device': '字符设备',
  'a block device': '块设备',
  'a socket': '套接字',
  'not a regular file': '非普通文件',
  read: '读取',
  write: '写入',
  '(value)': '(值)',
};

/** Other words of error reports. */
export const ERROR_WORDS = {
  zh: { invalidObservation: '检查记录无效:', allowed: '允许', observation: '(检查记录)' },
  en: { invalidObservation: 'the observation is invalid:', allowed: 'allowed', observation: '(observation)' },
} as const;

// A placeholder's Chinese: a known phrase, else as written (a value, a number, a path, a key).
function phrase(s: string): string {
  return PHRASES[s] ?? s;
}

/** Fills `{name}` placeholders from `values`; an absent one becomes empty. */
export function fill(template: string, values: Readonly<Record<string, string | undefined>>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
}

/** The sentence `message` (English, of error code `code`) in `locale`, using `table`. */
export function localise(table: Readonly<Record<string, readonly MessageEntry[]>>, code: string, message: string, locale: Locale): string {
  if (locale === 'en') return message;
  for (const entry of table[code] ?? []) {
    const m = entry.en.exec(message);
    if (!m) continue;
    const groups: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) groups[k] = phrase(v);
    // A path placeholder reads as a prefix in Chinese: `facts.a:` before the sentence, nothing when absent.
    if (groups.path !== undefined && entry.zh.startsWith('{path}') && !entry.zh.startsWith('{path}:')) groups.path = `${groups.path}:`;
    return fill(entry.zh, groups);
  }
  // An unknown sentence stays as the engine wrote it: a generic sentence for its code could be untrue (the same
  // code covers several problems), and a true line in English beats a false one in Chinese.
  return message;
}

/** An observation issue's message in `locale`. */
export function observationMessage(code: string, message: string, locale: Locale): string {
  return localise(OBSERVATION_MESSAGES, code, message, locale);
}

/** An input error's reason in `locale`. */
export function inputMessage(code: string, reason: string, locale: Locale): string {
  return localise(INPUT_MESSAGES, code, reason, locale);
}
