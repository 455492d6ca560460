import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import WebSocket from 'ws';

/**
 * Just enough of a browser to run the chat widget script for real in Node: elements with
 * attributes, text, listeners and focus, a markup reader for the widget's own markup, and
 * localStorage. Not a general DOM.
 */
export class FakeElement {
  children: FakeElement[] = [];
  parent: FakeElement | null = null;
  attrs: Record<string, string> = {};
  listeners: Record<string, ((event: unknown) => void)[]> = {};
  text = '';
  value = '';
  hidden = false;
  type = '';
  scrollTop = 0;
  scrollHeight = 0;

  constructor(
    readonly tag: string,
    private readonly document: FakeDocument,
  ) {}

  get className(): string {
    return this.attrs.class ?? '';
  }
  set className(value: string) {
    this.attrs.class = value;
  }
  get classList() {
    const classes = () => new Set(this.className.split(/\s+/).filter(Boolean));
    return {
      toggle: (name: string, on: boolean) => {
        const set = classes();
        if (on) set.add(name);
        else set.delete(name);
        this.className = [...set].join(' ');
      },
      contains: (name: string) => classes().has(name),
    };
  }
  setAttribute(key: string, value: string): void {
    this.attrs[key] = value;
  }
  getAttribute(key: string): string | null {
    return this.attrs[key] ?? null;
  }
  get textContent(): string {
    return this.tag === '#text' ? this.text : this.children.map((c) => c.textContent).join(' ');
  }
  set textContent(value: string) {
    this.children = [];
    const node = new FakeElement('#text', this.document);
    node.text = value;
    this.appendChild(node);
  }
  appendChild(child: FakeElement): FakeElement {
    child.remove();
    child.parent = this;
    this.children.push(child);
    return child;
  }
  remove(): void {
    if (this.parent) this.parent.children.splice(this.parent.children.indexOf(this), 1);
    this.parent = null;
  }
  addEventListener(type: string, listener: (event: unknown) => void): void {
    (this.listeners[type] ??= []).push(listener);
  }
  /** What the browser would do when the user clicks, types a key or submits. */
  fire(type: string, extra: Record<string, unknown> = {}): void {
    for (const listener of this.listeners[type] ?? []) listener({ preventDefault() {}, ...extra });
  }
  focus(): void {
    this.document.activeElement = this;
  }
  descendants(): FakeElement[] {
    return this.children.flatMap((c) => [c, ...c.descendants()]);
  }
  /** `.class` or `#id` only. */
  querySelector(selector: string): FakeElement | null {
    const name = selector.slice(1);
    return (
      this.descendants().find((e) =>
        selector.startsWith('#') ? e.attrs.id === name : e.className.split(/\s+/).includes(name),
      ) ?? null
    );
  }
  attachShadow(): FakeElement {
    return this;
  }
  /** Reads the widget's own well-formed markup: tags, double-quoted attributes, text. */
  set innerHTML(html: string) {
    this.children = [];
    const top = this.appendChild(new FakeElement('#fragment', this.document));
    let current = top;
    for (const [, closing, tag, attributes, text] of html.matchAll(/<(\/?)([a-z0-9]+)([^>]*)>|([^<]+)/g)) {
      if (text !== undefined) {
        const node = new FakeElement('#text', this.document);
        node.text = text;
        current.appendChild(node);
      } else if (closing) {
        current = current.parent ?? top;
      } else {
        const element = new FakeElement(tag!, this.document);
        for (const [, key, value] of attributes!.matchAll(/([a-z-]+)(?:="([^"]*)")?/g))
          element.attrs[key!] = value ?? '';
        element.hidden = 'hidden' in element.attrs;
        element.type = element.attrs.type ?? '';
        current.appendChild(element);
        if (tag !== 'input') current = element;
      }
    }
    // Unwrap: the parsed nodes become this element's own children.
    top.remove();
    for (const child of [...top.children]) this.appendChild(child);
  }
}

export class FakeDocument {
  activeElement: FakeElement | null = null;
  readonly body = new FakeElement('body', this);
  currentScript: FakeElement | null = null;
  createElement = (tag: string) => new FakeElement(tag, this);
  querySelector = () => null;
  addEventListener(): void {}
}

const WIDGET = readFileSync(new URL('../../src/http/widget/chat-widget.js', import.meta.url), 'utf8');

/**
 * Runs the widget as a page would load it from `scriptUrl` with data-organisation="slug".
 * Pages that share `storage` are the same browser: a reload is a second call.
 */
export function loadWidget(slug: string, scriptUrl: string, storage: Map<string, string>) {
  const document = new FakeDocument();
  const script = document.createElement('script');
  script.attrs['data-organisation'] = slug;
  Object.assign(script, { src: scriptUrl });
  document.currentScript = script;
  const sockets: WebSocket[] = [];
  class TrackedSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  }
  const timers: NodeJS.Timeout[] = [];
  vm.runInNewContext(WIDGET, {
    window: { location: { href: 'https://shop.example/page' }, crypto: globalThis.crypto, TextEncoder },
    document,
    localStorage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
    },
    WebSocket: TrackedSocket,
    URL,
    console,
    setTimeout: (fn: () => void, ms: number) => {
      const timer = setTimeout(fn, ms);
      timers.push(timer);
      return timer;
    },
    clearTimeout,
    setInterval: (fn: () => void, ms: number) => {
      const timer = setInterval(fn, ms);
      timers.push(timer);
      return timer;
    },
  });
  const root = document.body.children[0]!;
  return {
    document,
    $: (selector: string) => root.querySelector(selector)!,
    log: () => root.querySelector('.log')!.children,
    /** Leaves the page: its connection and timers go. */
    close: () => {
      timers.forEach((timer) => clearTimeout(timer));
      sockets.forEach((socket) => socket.terminate());
    },
  };
}
