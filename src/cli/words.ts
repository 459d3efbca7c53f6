/** The CLI's own words, in both locales. Standard texts come from the standards, not from here. */
import type { Locale, Outcome } from '../model/edition.js';

const WORDS = {
  zh: {
    outcome: { pass: '合格', fail: '不合格', indeterminate: '无法判定', not_applicable: '不适用' } as Record<Outcome, string>,
    verdict: '结论',
    subject: '对象',
    observer: '检查人',
    at: '时间',
    text: '条文',
    basis: '依据',
    routing: '实施 / 责任单位',
    inferred: '推定',
    provisional: '暂定',
    needed: '仍需',
    evidence: '证据',
    optional: '选用',
    score: '得分',
    task: '任务',
    clause: '条',
    profile: '配置',
    question: '问题',
    choices: '选项',
    range: '范围',
    unit: '单位',
  },
  en: {
    outcome: { pass: 'pass', fail: 'fail', indeterminate: 'indeterminate', not_applicable: 'not applicable' } as Record<Outcome, string>,
    verdict: 'Verdict',
    subject: 'Subject',
    observer: 'Observer',
    at: 'At',
    text: 'Text',
    basis: 'Source',
    routing: 'Implementing / responsible',
    inferred: 'inferred',
    provisional: 'provisional',
    needed: 'Still needed',
    evidence: 'evidence',
    optional: 'optional',
    score: 'Score',
    task: 'task',
    clause: 'clause',
    profile: 'Profile',
    question: 'Question',
    choices: 'Choices',
    range: 'Range',
    unit: 'Unit',
  },
};

/** The CLI words for a locale. */
export function words(locale: Locale) {
  return WORDS[locale];
}
