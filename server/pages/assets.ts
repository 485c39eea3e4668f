// The pages' one stylesheet, one script and icon, served from /assets (CSP allows 'self' only: nothing inline).
import { createHash } from "node:crypto";
import { UNSAFE_CHARACTERS } from "../../scripts/terminal.js";

/** A self-made icon, so no page load asks for a /favicon.ico that is not there. */
export const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0969da"/><path d="M4 12V4l4 4 4-4v8" fill="none" stroke="#fff" stroke-width="2" stroke-linejoin="round"/></svg>`;

// overflow-wrap:anywhere once, on body: every text container inherits it (headings, paragraphs, list items, dd, code,
// table cells), so a long unbroken server key or tool name wraps instead of widening a phone's page; a pre keeps its
// lines and scrolls in its own box. [hidden] wins over any display rule: the policy tools stay hidden without the script.
export const STYLE = `
:root{--fg:#1b1f24;--muted:#59636e;--bg:#fff;--panel:#f6f8fa;--line:#d1d9e0;--accent:#0969da;
--low:#1a7f37;--medium:#9a6700;--high:#bc4c00;--critical:#cf222e;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
*{box-sizing:border-box}body{margin:0;color:var(--fg);background:var(--bg);line-height:1.5;overflow-wrap:anywhere}
[hidden]{display:none!important}
a{color:var(--accent)}header.top{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;padding:.75rem 1rem;border-bottom:1px solid var(--line)}
header.top .brand{font-weight:700;text-decoration:none;color:var(--fg)}header.top form{flex:1 1 14rem}
main{max-width:60rem;margin:0 auto;padding:1rem}h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.2rem;margin-top:1.75rem}
input[type=search]{width:100%;padding:.5rem .6rem;font-size:1rem;border:1px solid var(--line);border-radius:6px}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:1rem;font-size:.85rem;font-weight:600;color:#fff;background:var(--muted)}
.badge.low{background:var(--low)}.badge.medium{background:var(--medium)}.badge.high{background:var(--high)}.badge.critical{background:var(--critical)}
.grade{display:inline-block;min-width:1.6em;text-align:center;border-radius:.3rem;color:#fff;background:var(--muted)}.grade-A,.grade-B{background:var(--low)}.grade-C{background:var(--medium)}.grade-D{background:var(--high)}.grade-F{background:var(--critical)}
.muted{color:var(--muted)}.card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem;margin:.75rem 0}
ul.results{list-style:none;padding:0;margin:0}ul.results li{padding:.5rem 0;border-bottom:1px solid var(--line)}
pre{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:.75rem;overflow-x:auto;max-width:100%;font-size:.85rem}
table{border-collapse:collapse;width:100%;display:block;overflow-x:auto}td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
.conflict{background:#fff8c5;border-left:4px solid var(--medium);padding:.5rem .75rem}
.invisible{font-family:ui-monospace,monospace;font-size:.85em;color:var(--critical);border:1px dashed var(--critical);border-radius:3px;padding:0 .15em}
.error{color:var(--critical)}.policy-tools{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}.policy-tools select,.policy-tools button{font-size:1rem;padding:.3rem .6rem}
svg.chart{max-width:100%;height:auto}.desc{white-space:pre-wrap}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
@media (max-width:40rem){dl.facts{grid-template-columns:1fr}main{padding:.75rem}}
`;

/**
 * Progressive enhancement only: without it every page works (search submits, every policy dialect
 * is shown). Catalog text is put in the page with textContent, never parsed as HTML, and as catalog-text.ts
 * shows it: in <bdi>, its invisible characters marked by the same rule. Search as you type
 * lists what /search lists, in its order: the servers whose key, title or description matches (/api/servers?q=,
 * so a server without tools is found), then the tools; a refused search shows the API's message.
 */
export const SCRIPT = `
(function(){
  var UNSAFE=new RegExp(${JSON.stringify(UNSAFE_CHARACTERS.source)},${JSON.stringify(UNSAFE_CHARACTERS.flags)});
  function marked(c){return '\u27e8U+'+c.codePointAt(0).toString(16).toUpperCase().padStart(4,'0')+'\u27e9'}
  function text(value){
    var bdi=document.createElement('bdi');var s=String(value).replace(/\\r\\n/g,'\\n');var at=0;
    Array.from(s.matchAll(UNSAFE)).forEach(function(m){
      var mark=document.createElement('span');mark.className='invisible';mark.textContent=marked(m[0]);
      bdi.append(s.slice(at,m.index),mark);at=m.index+m[0].length});
    bdi.append(s.slice(at));return bdi}
  // As catalogPlain: where no element can isolate (the document's title).
  function plain(value){return '\u2068'+String(value).replace(/\\r\\n/g,'\\n').replace(UNSAFE,marked)+'\u2069'}
  // On /search the heading, the title and the address say the text the results shown are for (as render.ts's
  // searchPage writes them), so a reload or a copied address shows these results, not the ones first submitted.
  var heading=document.querySelector('[data-search-heading]');
  function searched(q){
    if(!heading)return;
    if(q){heading.replaceChildren('Tools and servers matching \u201c',text(q),'\u201d');document.title='Tools and servers matching \u201c'+plain(q)+'\u201d \u00b7 mcp-catalog'}
    else{heading.textContent='Search';document.title='Search \u00b7 mcp-catalog'}
    history.replaceState(null,'',q?'/search?q='+encodeURIComponent(q):'/search')}
  var box=document.querySelector('[data-live-search]');
  if(box){
    // What the page already shows: on /search, the results for the text the box was given, so clearing it is a change.
    var out=document.getElementById(box.getAttribute('data-live-search'));var timer;var last=box.value.trim();
    box.addEventListener('input',function(){clearTimeout(timer);timer=setTimeout(run,150)});
    function run(){
      var q=box.value.trim();if(q===last)return;last=q;
      if(!q){out.replaceChildren();searched('');return}
      var get=function(path){return fetch(path+'&q='+encodeURIComponent(q)).then(function(r){
        return r.json().catch(function(){return {}}).then(function(body){
          if(!r.ok)throw new Error((body.error&&body.error.message)||('the catalog answered '+r.status));
          return body.items||[]})})};
      Promise.all([get('/api/servers?limit=5'),get('/api/tools?limit=10')]).then(function(found){
        if(q!==last)return;searched(q);
        // Each item is the markup render.ts's serverList and toolList write, node for node (the browser test compares
        // them): a field added there is added here.
        var muted=function(){var s=document.createElement('span');s.className='muted';s.append.apply(s,arguments);return s};
        var servers=found[0].map(function(v){
          var li=document.createElement('li');var a=document.createElement('a');a.href=v.page;a.append(text(v.server));li.append(a);
          if(v.title)li.append(' ',muted(text(v.title)));
          return li});
        var tools=found[1].map(function(t){
          var li=document.createElement('li');var a=document.createElement('a');a.href=t.page;a.append(text(t.tool));
          var b=document.createElement('span');b.className='badge '+(t.risk||'');b.textContent=t.risk||'unclassified';
          li.append(a,' ',muted('on ',text(t.server)),' ',b,' ',muted(t.category||''));return li});
        var parts=[];
        var section=function(heading,items){
          if(heading){var h=document.createElement('h2');h.textContent=heading;parts.push(h)}
          var ul=document.createElement('ul');ul.className='results';ul.append.apply(ul,items);parts.push(ul)};
        if(servers.length)section('Servers',servers);
        if(tools.length)section(servers.length?'Tools':'',tools);
        if(!parts.length){var p=document.createElement('p');p.className='muted';p.textContent='No tool or server matches.';parts=[p]}
        out.replaceChildren.apply(out,parts);
      }).catch(function(e){
        if(q!==last)return;searched(q);
        var p=document.createElement('p');p.className='error';p.setAttribute('role','alert');p.append('Search failed: ',text(e.message));
        out.replaceChildren(p);
      });
    }
  }
  document.querySelectorAll('[data-policy]').forEach(function(root){
    var select=root.querySelector('select');var button=root.querySelector('button[data-copy]');var status=root.querySelector('[data-copy-status]');
    var blocks=root.querySelectorAll('[data-format]');
    // A dialect that cannot name the tool has a note instead of a policy: nothing to copy.
    function show(){status.textContent='';blocks.forEach(function(b){b.hidden=b.getAttribute('data-format')!==select.value});button.disabled=!root.querySelector('[data-format="'+select.value+'"] pre')}
    root.querySelector('.policy-tools').hidden=false;select.addEventListener('change',show);show();
    button.addEventListener('click',function(){
      var pre=root.querySelector('[data-format="'+select.value+'"] pre');
      // Where the page may not write the clipboard, the policy is selected: one Ctrl+C copies it.
      function selectIt(why){
        var range=document.createRange();range.selectNodeContents(pre);var sel=getSelection();sel.removeAllRanges();sel.addRange(range);
        status.textContent=why+' The policy is selected: press Ctrl+C (\u2318C on a Mac) to copy it.'}
      // navigator.clipboard exists only in a secure context: HTTPS or localhost.
      if(!navigator.clipboard||!navigator.clipboard.writeText){selectIt('This page cannot copy by itself here (it needs HTTPS).');return}
      navigator.clipboard.writeText(pre.textContent).then(function(){status.textContent='Copied.'},function(){selectIt('The browser did not let the page copy.')});
    });
  });
})();
`;

/**
 * Where the pages link the stylesheet and the script: named by a hash of their bytes, computed once at startup, so a
 * page of a new version never runs the old script or style a browser kept (they are cached for good: immutable). The
 * unversioned /assets/style.css and /assets/app.js stay, revalidated before each use, for whatever linked them.
 */
function hashed(name: string, ext: string, bytes: string): string {
  return `/assets/${name}.${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}.${ext}`;
}
export const STYLE_PATH = hashed("style", "css", STYLE);
export const SCRIPT_PATH = hashed("app", "js", SCRIPT);
