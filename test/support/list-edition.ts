/** A small edition with a list fact (a multi-select), for the tests of list answers. */
import type { EditionSpec } from '../../src/index.js';
import { editionHeader } from './edition-header.js';

const t = (s: string) => ({ zh: s, en: s });

/** A manhole lid's defects, ticked from three options; one clause forbids a crack, one needs the lid seated. */
export const listEdition: EditionSpec = {
  ...editionHeader('lid-defects'),
  facts: {
    defects: {
      type: 'list',
      label: { zh: '井盖缺陷', en: 'lid defects' },
      question: { zh: '井盖有哪些缺陷?', en: 'Which defects does the lid have?' },
      choices: [
        { value: 'cracked', label: { zh: '破裂', en: 'cracked' } },
        { value: 'tilted', label: { zh: '倾斜', en: 'tilted' } },
        { value: 'missing-bolt', label: { zh: '缺螺栓', en: 'bolt missing' } },
      ],
    },
  },
  groups: [
    {
      id: 'g',
      label: t('lid'),
      clauses: [
        {
          id: 'no-crack',
          label: t('no crack'),
          text: t('The lid is not cracked.'),
          cites: [{ source: 'src' }],
          provenance: 'local',
          severity: 'major',
          check: { fact: 'defects', operator: 'doesNotContain', value: 'cracked' },
          messages: { pass: t('sound'), fail: t('cracked'), indeterminate: t('{missing} needed') },
        },
        {
          id: 'seated',
          label: t('seated'),
          text: t('The lid sits level.'),
          cites: [{ source: 'src' }],
          provenance: 'local',
          severity: 'minor',
          check: { not: { fact: 'defects', operator: 'contains', value: 'tilted' } },
          messages: { pass: t('level'), fail: t('tilted'), indeterminate: t('{missing} needed') },
        },
      ],
    },
  ],
};
