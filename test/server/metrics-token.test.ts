import { bearerTokenMatches, metricsTokenFromEnvironment } from '../../src/server/metrics-token';

const TOKEN = 'a-metrics-token-of-32-characters';

describe('metricsTokenFromEnvironment', () => {
  it('is undefined when METRICS_TOKEN is unset: /metrics is then not served', () => {
    expect(metricsTokenFromEnvironment({})).toBeUndefined();
  });

  it('takes a token of 16 characters or more', () => {
    expect(metricsTokenFromEnvironment({ METRICS_TOKEN: TOKEN })).toBe(TOKEN);
    expect(metricsTokenFromEnvironment({ METRICS_TOKEN: '0123456789abcdef' })).toBe('0123456789abcdef');
  });

  it.each([
    ['too short', '0123456789abcde', /at least 16 characters.*got 15 characters/],
    ['empty', '', /got an empty value/],
    ['blank', '                    ', /got an empty value/],
    // A token pasted with a trailing newline would never match what Prometheus sends.
    ['with surrounding spaces', ` ${TOKEN}\n`, /without surrounding spaces/],
  ])('refuses a token that is %s, in one line that names the variable and says what to do', (_why, value, problem) => {
    let message = '';
    try {
      metricsTokenFromEnvironment({ METRICS_TOKEN: value });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^METRICS_TOKEN: /);
    expect(message).toMatch(problem);
    expect(message).toMatch(/openssl rand -hex 32.*or unset it/);
    expect(message).not.toContain('\n');
  });
});

describe('bearerTokenMatches', () => {
  it.each([
    [`Bearer ${TOKEN}`, true],
    [`bearer ${TOKEN}`, true], // the scheme is case-insensitive (RFC 9110)
    [`Bearer  ${TOKEN} `, true],
    [undefined, false],
    ['', false],
    ['Bearer', false],
    ['Bearer ', false],
    [TOKEN, false], // no scheme
    [`Basic ${TOKEN}`, false],
    [`Bearer ${TOKEN.toUpperCase()}`, false],
    [`Bearer ${TOKEN}x`, false],
    [`Bearer ${TOKEN.slice(1)}`, false],
    [`Bearer ${TOKEN} ${TOKEN}`, false],
  ])('%j → %s', (authorization, expected) => {
    expect(bearerTokenMatches(authorization, TOKEN)).toBe(expected);
  });
});
