import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { AcwChatInput } from '../../src/components/acw-chat-input.js';
import { AcwSubmitEvent } from '../../src/events/events.js';
import { nextEvent } from '../support/events.js';

const parts = (el: AcwChatInput) => {
  const root = el.shadowRoot as ShadowRoot;
  return {
    box: root.querySelector('textarea') as HTMLTextAreaElement,
    send: root.querySelector('button') as HTMLButtonElement,
  };
};

describe('<acw-chat-input>', () => {
  it('is defined', () => {
    expect(customElements.get('acw-chat-input')).to.equal(AcwChatInput);
  });

  it('renders a labelled textbox and a Send button, disabled while empty', async () => {
    const el = await fixture<AcwChatInput>(html`<acw-chat-input></acw-chat-input>`);
    const { box, send } = parts(el);
    expect(box.getAttribute('aria-label')).to.equal('Reply to customer');
    expect(send.textContent?.trim()).to.equal('Send');
    expect(send.disabled).to.equal(true);
  });

  it('is accessible', async () => {
    const el = await fixture<AcwChatInput>(html`<acw-chat-input></acw-chat-input>`);
    await expect(el).to.be.accessible();
  });

  it('sends with Enter and clears the box', async () => {
    const el = await fixture<AcwChatInput>(html`<acw-chat-input></acw-chat-input>`);
    el.focus();
    await sendKeys({ type: 'Hello Jane' });
    await el.updateComplete;
    expect(parts(el).send.disabled).to.equal(false);
    const event = nextEvent<AcwSubmitEvent>(el, AcwSubmitEvent.eventName);
    await sendKeys({ press: 'Enter' });
    expect((await event).text).to.equal('Hello Jane');
    await el.updateComplete;
    expect(parts(el).box.value).to.equal('');
    expect(parts(el).send.disabled).to.equal(true);
  });

  it('adds a line with Shift+Enter instead of sending', async () => {
    const el = await fixture<AcwChatInput>(html`<acw-chat-input></acw-chat-input>`);
    let sent = 0;
    el.addEventListener(AcwSubmitEvent.eventName, () => (sent += 1));
    el.focus();
    await sendKeys({ type: 'line one' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'line two' });
    expect(parts(el).box.value).to.equal('line one\nline two');
    expect(sent).to.equal(0);
    const event = nextEvent<AcwSubmitEvent>(el, AcwSubmitEvent.eventName);
    await sendKeys({ press: 'Enter' });
    expect((await event).text).to.equal('line one\nline two');
  });

  it('never sends empty or whitespace-only text', async () => {
    const el = await fixture<AcwChatInput>(html`<acw-chat-input></acw-chat-input>`);
    let sent = 0;
    el.addEventListener(AcwSubmitEvent.eventName, () => (sent += 1));
    el.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: '   ' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(sent).to.equal(0);
    expect(parts(el).send.disabled).to.equal(true);
  });

  it('sends with the Send button, reached by Tab', async () => {
    const el = await fixture<AcwChatInput>(html`<acw-chat-input></acw-chat-input>`);
    el.focus();
    await sendKeys({ type: 'by button' });
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement).to.equal(parts(el).send);
    const event = nextEvent<AcwSubmitEvent>(el, AcwSubmitEvent.eventName);
    await sendKeys({ press: 'Space' });
    expect((await event).text).to.equal('by button');
  });

  it('inserts text at the cursor, never replacing what the agent typed or selected, and focuses', async () => {
    const el = await fixture<AcwChatInput>(html`<acw-chat-input></acw-chat-input>`);
    const { box } = parts(el);
    el.focus();
    await sendKeys({ type: 'Hello Jane, thanks.' });
    box.setSelectionRange(11, 11); // after "Hello Jane,"
    box.blur();
    el.insert('I can help.');
    expect(box.value).to.equal('Hello Jane, I can help. thanks.');
    expect(el.shadowRoot?.activeElement).to.equal(box);
    expect(box.selectionStart).to.equal('Hello Jane, I can help.'.length);
    // a selection is kept: the text goes after it
    box.setSelectionRange(0, 5);
    el.insert('there');
    expect(box.value).to.equal('Hello there Jane, I can help. thanks.');
    await el.updateComplete;
    expect(parts(el).send.disabled, 'the inserted text can be sent').to.equal(false);
  });

  it('inserts into an empty box as it is', async () => {
    const el = await fixture<AcwChatInput>(html`<acw-chat-input></acw-chat-input>`);
    el.insert('Use this reply');
    expect(parts(el).box.value).to.equal('Use this reply');
  });
});
