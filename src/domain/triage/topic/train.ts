// Training the topic model from labelled messages, and learning from curators' corrections.
import {
  DEFAULT_OPTIONS,
  isStopWord,
  messageVector,
  messageWords,
  wordsVector,
  type Rubricator,
  type TopicModel,
  type TopicModelOptions,
} from "./model.ts";

export interface LabelledMessage {
  text: string;
  /** A topic code of the rubricator. */
  topic: string;
}

type Weights = Map<string, Float64Array>;

function decode(model: TopicModel, topics: number): Weights {
  const weights: Weights = new Map();
  for (const [feature, sparse] of Object.entries(model.weights)) {
    const dense = new Float64Array(topics);
    for (let i = 0; i + 1 < sparse.length; i += 2) dense[sparse[i]!] = sparse[i + 1]!;
    weights.set(feature, dense);
  }
  return weights;
}

// One decimal is enough for the shipped model's decisions and keeps its JSON small; a correction's
// steps are finer, so tenant models (stored in the database, not shipped) keep two.
const SHIPPED_DECIMALS = 1;
const TENANT_DECIMALS = 2;
const TENANT_PRUNE_BELOW = 0.01;
const roundTo = (x: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};

/**
 * Sparse JSON weights. Adding one constant to all of a feature's weights changes no probability
 * (softmax is shift-invariant), so each feature is centred on its median first: most of its
 * weights become near zero and are dropped, which is what keeps the shipped model small.
 */
function encode(weights: Weights, below: number, decimals: number): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  const features = [...weights.keys()].sort();
  for (const feature of features) {
    const dense = weights.get(feature)!;
    const sorted = Float64Array.from(dense).sort();
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    const sparse: number[] = [];
    dense.forEach((raw, t) => {
      const w = raw - median;
      if (Math.abs(w) >= below && roundTo(w, decimals) !== 0) sparse.push(t, roundTo(w, decimals));
    });
    if (sparse.length > 0) out[feature] = sparse;
  }
  return out;
}

function softmax(
  vector: Map<string, number>,
  weights: Weights,
  bias: ArrayLike<number>,
  n: number,
): Float64Array {
  const s = Float64Array.from({ length: n }, (_, t) => bias[t]!);
  for (const [f, x] of vector) {
    const w = weights.get(f);
    if (w) for (let t = 0; t < n; t++) s[t]! += w[t]! * x;
  }
  let max = -Infinity;
  for (const v of s) max = Math.max(max, v);
  let sum = 0;
  for (let t = 0; t < n; t++) sum += s[t] = Math.exp(s[t]! - max);
  for (let t = 0; t < n; t++) s[t]! /= sum;
  return s;
}

type Example = { x: Map<string, number>; y: number };

/** Softmax regression with AdaGrad over the examples in the order given. */
function fitSoftmax(
  data: Example[],
  n: number,
  opts: TopicModelOptions,
): { weights: Weights; bias: Float64Array } {
  const weights: Weights = new Map();
  const squares = new Map<string, Float64Array>();
  const bias = new Float64Array(n);
  const biasSquares = new Float64Array(n).fill(1e-8);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (const { x, y } of data) {
      const p = softmax(x, weights, bias, n);
      p[y]! -= 1; // the gradient of the log-loss with respect to the scores
      for (const [f, v] of x) {
        let w = weights.get(f);
        let g2 = squares.get(f);
        if (!w || !g2) {
          w = new Float64Array(n);
          g2 = new Float64Array(n).fill(1e-8);
          weights.set(f, w);
          squares.set(f, g2);
        }
        for (let t = 0; t < n; t++) {
          const g = p[t]! * v + opts.l2 * w[t]!;
          g2[t]! += g * g;
          w[t]! -= (opts.learningRate * g) / Math.sqrt(g2[t]!);
        }
      }
      for (let t = 0; t < n; t++) {
        biasSquares[t]! += p[t]! * p[t]!;
        bias[t]! -= (0.1 * opts.learningRate * p[t]!) / Math.sqrt(biasSquares[t]!);
      }
    }
  }
  return { weights, bias };
}

/**
 * Naive Bayes over the same vectors, as weights: for each feature and topic, log P(f | topic) −
 * log P(f | any other topic), the multinomial and the complement estimates in one. It reads the
 * corpus once, trusts a word that only one topic uses more than the softmax does, and makes the
 * pair far less sensitive to the order and the draw of the corpus than the softmax alone.
 */
function fitBayes(data: Example[], n: number, alpha: number): Weights {
  const counts: Weights = new Map();
  const totals = new Float64Array(n);
  for (const { x, y } of data) {
    for (const [f, v] of x) {
      let c = counts.get(f);
      if (!c) counts.set(f, (c = new Float64Array(n)));
      c[y]! += v;
      totals[y]! += v;
    }
  }
  let all = 0;
  for (const t of totals) all += t;
  const size = counts.size;
  const weights: Weights = new Map();
  for (const [f, c] of counts) {
    let sum = 0;
    for (const v of c) sum += v;
    const w = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      const own = (c[t]! + alpha) / (totals[t]! + alpha * size);
      const rest = (sum - c[t]! + alpha) / (all - totals[t]! + alpha * size);
      w[t] = Math.log(own / rest);
    }
    weights.set(f, w);
  }
  return weights;
}

/** The softmax weights plus `share` times the Bayes weights (features of either). */
function combine(a: Weights, b: Weights, share: number, n: number): Weights {
  const out: Weights = new Map();
  for (const [f, w] of a) out.set(f, Float64Array.from(w));
  for (const [f, w] of b) {
    let o = out.get(f);
    if (!o) out.set(f, (o = new Float64Array(n)));
    for (let t = 0; t < n; t++) o[t]! += share * w[t]!;
  }
  return out;
}

/**
 * Fits the model's weights: the softmax alone, or with naive Bayes beside it. The sum of the two
 * is far too sure of itself, so it is divided by a temperature that makes the probabilities honest
 * on a fifth of the corpus held out from a first fit (every fifth message); with too small a corpus
 * to hold any out, the temperature is 1 + bayesWeight.
 */
function fit(
  data: Example[],
  n: number,
  opts: TopicModelOptions,
): { weights: Weights; bias: Float64Array } {
  const softmaxOnly = fitSoftmax(data, n, opts);
  if (opts.bayesWeight <= 0) return softmaxOnly;
  const joint = (part: Example[], whole: { weights: Weights; bias: Float64Array }) => ({
    weights: combine(whole.weights, fitBayes(part, n, opts.bayesAlpha), opts.bayesWeight, n),
    bias: whole.bias,
  });
  let temperature = 1 + opts.bayesWeight;
  const held = data.filter((_, i) => i % 5 === 4);
  if (held.length >= 10 * n) {
    const rest = data.filter((_, i) => i % 5 !== 4);
    const first = joint(rest, fitSoftmax(rest, n, opts));
    temperature = bestTemperature(held, first.weights, first.bias, n);
  }
  const final = joint(data, softmaxOnly);
  for (const w of final.weights.values()) for (let t = 0; t < n; t++) w[t]! /= temperature;
  return { weights: final.weights, bias: final.bias.map((b) => b / temperature) };
}

/** The temperature (from a fixed grid) with the smallest log-loss on the held-out messages. */
function bestTemperature(held: Example[], weights: Weights, bias: Float64Array, n: number): number {
  const raw = held.map(({ x }) => {
    const s = Float64Array.from(bias);
    for (const [f, v] of x) {
      const w = weights.get(f);
      if (w) for (let t = 0; t < n; t++) s[t]! += w[t]! * v;
    }
    return s;
  });
  let best = 1;
  let bestLoss = Infinity;
  for (let temperature = 1; temperature <= 20; temperature += 0.25) {
    let loss = 0;
    held.forEach(({ y }, i) => {
      const s = raw[i]!;
      let max = -Infinity;
      for (const v of s) max = Math.max(max, v / temperature);
      let sum = 0;
      for (const v of s) sum += Math.exp(v / temperature - max);
      loss -= s[y]! / temperature - max - Math.log(sum);
    });
    if (loss < bestLoss) {
      bestLoss = loss;
      best = temperature;
    }
  }
  return best;
}

/**
 * Trains the topic model: softmax regression with AdaGrad over the messages in the order given (so
 * the same corpus always gives the same model), with naive Bayes beside it (see `fit`). Throws on a
 * topic the rubricator does not have: that is a corpus bug.
 */
export function trainTopicModel(
  examples: LabelledMessage[],
  rubricator: Rubricator,
  options: Partial<TopicModelOptions> = {},
): TopicModel {
  const opts: TopicModelOptions = { ...DEFAULT_OPTIONS, ...options };
  const codes = rubricator.topics.map((t) => t.code);
  const index = new Map(codes.map((c, i) => [c, i]));
  const n = codes.length;
  const data = examples.map((e) => {
    const y = index.get(e.topic);
    if (y === undefined) throw new Error(`Topic "${e.topic}" is not in the rubricator`);
    return { x: messageVector(e.text, opts), y };
  });
  // Features of fewer than minCount messages are mostly one template's accident: they are not learnt.
  const seen = new Map<string, number>();
  for (const { x } of data) for (const f of x.keys()) seen.set(f, (seen.get(f) ?? 0) + 1);
  for (const { x } of data) for (const f of x.keys()) if (seen.get(f)! < opts.minCount) x.delete(f);

  const { weights, bias } = fit(data, n, opts);
  return {
    format: "otklik-topic-linear",
    version: 1,
    topics: rubricator.topics.map(({ code, name }) => ({ code, name })),
    options: opts,
    bias: Array.from(bias, (b) => roundTo(b, TENANT_DECIMALS)),
    weights: encode(weights, opts.pruneBelow, SHIPPED_DECIMALS),
  };
}

/** The probability a correction must reach before the model is considered to have learnt it. */
const LEARNT = 0.9;

/**
 * Learns from curators' corrections ("this message is about water, not housing"): gradient steps
 * on the corrected messages, and on each with one of its words left out, until each gets its
 * corrected topic with some confidence (or the passes run out), so the curator sees the same
 * mistake fixed at once and similar messages follow.
 * Deterministic: the desk keeps every correction and rebuilds a tenant's model as
 * applyCorrections(defaultModel, allCorrections). A topic code the model does not know yet is added
 * (the tenant extended the rubricator).
 */
export function applyCorrections(model: TopicModel, corrections: LabelledMessage[]): TopicModel {
  if (corrections.length === 0) return model;
  const topics = [...model.topics];
  const index = new Map(topics.map((t, i) => [t.code, i]));
  for (const c of corrections) {
    if (!index.has(c.topic)) {
      index.set(c.topic, topics.length);
      topics.push({ code: c.topic, name: c.topic });
    }
  }
  const n = topics.length;
  const weights = decode(model, n);
  // A topic new to the model starts as unlikely as the least likely known one.
  const lowest = Math.min(0, ...model.bias);
  const bias = Float64Array.from({ length: n }, (_, t) => model.bias[t] ?? lowest);
  // Each corrected message the model gets wrong is learnt together with its copies that leave out
  // one word (when it has at least three): the lesson must not rest on one word, so that similar
  // messages follow it. A decision the model already agrees with is only kept from being unlearnt.
  const data: { x: Map<string, number>; y: number }[] = [];
  for (const c of corrections) {
    const y = index.get(c.topic)!;
    const words = messageWords(c.text);
    const x = wordsVector(words, model.options);
    if (x.size === 0) continue;
    data.push({ x, y });
    if (softmax(x, weights, bias, n)[y]! >= LEARNT) continue;
    const content = words.flatMap((w, i) => (isStopWord(w) ? [] : [i]));
    if (content.length < 3) continue;
    for (const i of content) {
      const v = wordsVector(
        words.filter((_, k) => k !== i),
        model.options,
      );
      if (v.size > 0) data.push({ x: v, y });
    }
  }

  const rate = model.options.correctionRate;
  for (let pass = 0; pass < model.options.correctionPasses; pass++) {
    let learnt = true;
    for (const { x, y } of data) {
      const p = softmax(x, weights, bias, n);
      if (p[y]! >= LEARNT) continue;
      learnt = false;
      p[y]! -= 1;
      for (const [f, v] of x) {
        let w = weights.get(f);
        if (!w) {
          w = new Float64Array(n);
          weights.set(f, w);
        }
        for (let t = 0; t < n; t++) w[t]! -= rate * p[t]! * v;
      }
    }
    if (learnt) break;
  }
  return {
    ...model,
    topics,
    bias: Array.from(bias, (b) => roundTo(b, TENANT_DECIMALS)),
    weights: encode(weights, TENANT_PRUNE_BELOW, TENANT_DECIMALS),
  };
}
