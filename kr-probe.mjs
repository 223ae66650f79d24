const { AsyncEntry } = await import('@napi-rs/keyring');
let e; try { e = new AsyncEntry('intercom-mcp-probe', 'x', { linux: { store: 'secret-service' } }); } catch (err) { console.log("CTOR", JSON.stringify(err.message)); process.exit(0); }
const t = Date.now();
try { console.log('get', await e.getPassword()); } catch (err) { console.log('ERR', Date.now()-t, err.code, JSON.stringify(err.message), Object.keys(err)); }
try { console.log('set', await e.setPassword('{}')); } catch (err) { console.log('ERR', err.code, JSON.stringify(err.message)); }
try { console.log('del', await e.deleteCredential()); } catch (err) { console.log('ERR', err.code, JSON.stringify(err.message)); }
