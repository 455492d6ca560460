import { trainTextClassifier } from '../../analytics/train-classifier.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { installTopicModel } from '../analysis/install-topic-model.ts';
import { fillTopicText, topicVars } from './demo-journeys.ts';
import { LAUNCH_TOPIC, TOPICS } from './demo-topics.ts';
import { DemoRandom } from './random.ts';

/** Each variant's wording, filled this many ways, is what the demo's topic model learns from. */
const FILLS = 4;

/**
 * The demo operator's topic classifier, trained before any contact arrives, so that every demo
 * contact is analysed with a topic and the review queue can be filtered by it. A real
 * organisation trains one from its experts' labels or its own labelled history instead.
 */
export async function installDemoTopicModel(scope: TenantScope, now: Date): Promise<void> {
  const random = new DemoRandom(77);
  const examples = [...TOPICS, LAUNCH_TOPIC].flatMap((topic) =>
    topic.variants.flatMap((variant) =>
      Array.from({ length: FILLS }, () => {
        const vars = topicVars(random, now);
        return [variant.problem, variant.short, variant.subject].map((text) => ({
          text: fillTopicText(text, vars),
          label: topic.key,
        }));
      }).flat(),
    ),
  );
  const classifier = trainTextClassifier(examples, { now: () => now, elapsed: () => performance.now() / 1000 });
  await installTopicModel(scope, classifier, { name: 'demo-topics', activate: true, now });
}
