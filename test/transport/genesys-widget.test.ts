import { expect } from '@open-wc/testing';
import { readWidgetParams, startWidget } from '../../src/transport/genesys-widget-sdk.js';
import { widgetKey } from '../../src/transport/genesys-widget.js';

describe('Genesys Interaction Widget parameters (docs/PROTOCOL.md §9.4)', () => {
  it('is off without gcHostOrigin and gcTargetEnv', () => {
    expect(readWidgetParams('?userId=u&sessionId=s&URLToken=t')).to.deep.equal({ mode: 'none' });
    expect(widgetKey('?userId=u&sessionId=s&URLToken=t')).to.equal('');
  });

  it('takes what Genesys fills in: an https origin and an environment name', () => {
    expect(
      readWidgetParams(
        '?gcHostOrigin=https%3A%2F%2Fapps.mypurecloud.de&gcTargetEnv=prod-euc1&pcConversationId=c1',
      ),
    ).to.deep.equal({
      mode: 'widget',
      params: { hostOrigin: 'https://apps.mypurecloud.de', targetEnv: 'prod-euc1' },
    });
    // a trailing slash is still the origin; loopback may be http (the demo desktop)
    expect(
      readWidgetParams('?gcHostOrigin=https://apps.mypurecloud.com/&gcTargetEnv=prod'),
    ).to.deep.equal({
      mode: 'widget',
      params: { hostOrigin: 'https://apps.mypurecloud.com', targetEnv: 'prod' },
    });
    expect(readWidgetParams('?gcHostOrigin=http://127.0.0.1:8081&gcTargetEnv=prod').mode).to.equal(
      'widget',
    );
    expect(widgetKey('?gcHostOrigin=https://a.example&gcTargetEnv=prod')).to.equal(
      'https://a.example|prod',
    );
  });

  const invalid: [string, string, RegExp][] = [
    ['only one of the pair', '?gcHostOrigin=https://apps.mypurecloud.com', /both/],
    [
      'a repeated parameter',
      '?gcHostOrigin=https://a.example&gcHostOrigin=https://b.example&gcTargetEnv=prod',
      /once/,
    ],
    [
      'http that is not loopback',
      '?gcHostOrigin=http://apps.mypurecloud.com&gcTargetEnv=prod',
      /gcHostOrigin/,
    ],
    ['javascript:', '?gcHostOrigin=javascript:alert(1)&gcTargetEnv=prod', /gcHostOrigin/],
    ['a path', '?gcHostOrigin=https://apps.mypurecloud.com/x&gcTargetEnv=prod', /gcHostOrigin/],
    [
      'credentials',
      '?gcHostOrigin=https://u:p@apps.mypurecloud.com&gcTargetEnv=prod',
      /gcHostOrigin/,
    ],
    ['no origin at all', '?gcHostOrigin={{gcHostOrigin}}&gcTargetEnv=prod', /gcHostOrigin/],
    [
      'an environment name with markup',
      '?gcHostOrigin=https://a.example&gcTargetEnv=%3Cb%3E',
      /gcTargetEnv/,
    ],
  ];
  for (const [name, search, problem] of invalid) {
    it(`refuses ${name}, in words that never repeat the value`, async () => {
      const r = readWidgetParams(search);
      expect(r.mode).to.equal('invalid');
      const words = r.mode === 'invalid' ? r.problem : '';
      expect(words).to.match(problem);
      expect(words).not.to.contain('example');
      let thrown = '';
      await startWidget(search).catch((e: Error) => (thrown = e.message));
      expect(thrown).to.equal(words);
    });
  }

  it('does not start when the workspace is not framed (nobody to propose to)', async () => {
    let thrown = '';
    await startWidget('?gcHostOrigin=https://apps.mypurecloud.com&gcTargetEnv=prod', window).catch(
      (e: Error) => (thrown = e.message),
    );
    expect(thrown).to.match(/not framed/);
  });
});
