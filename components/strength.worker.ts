/**
 * The strength estimator off the page's thread: building zxcvbn's dictionaries takes ≈ 0.4 s,
 * which in the popup would freeze the form the user is typing into. Each request names its id, so
 * the page can drop answers for text already typed over. Nothing here logs: requests hold the
 * password.
 */
import { createEstimator } from './strength-zxcvbn';
import type { StrengthAnswer, StrengthRequest } from './strength-client';

const estimate = createEstimator();

self.addEventListener('message', (event: MessageEvent<StrengthRequest>) => {
  const { id, password, personal } = event.data;
  const answer: StrengthAnswer = { id, strength: estimate(password, personal) };
  self.postMessage(answer);
});
