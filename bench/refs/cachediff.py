# A randomized differential test of lint's caches (.git/handbook/): on a
# scratch clone of the bench/refs repository, apply random changes (edit,
# rename a definition, git mv, duplicate a definition, remove, same-size
# edit with the old mtime, commit, new file, ignore rules in .gitignore files
# and info/exclude), sometimes wait
# past the 2 s settle time, and compare `lint --format json` with the
# caches against a run without them. Any difference is a stale answer.
#
#   bash bench/refs/run.sh        # builds $BENCH_DIR/handbook and the repository
#   git clone -q /tmp/handbook-refs-bench/repo /tmp/cachediff
#   python3 bench/refs/cachediff.py /tmp/cachediff /tmp/handbook-refs-bench/handbook SEED ROUNDS
#
# 2026-11-29 at 58260e2: seeds 1-4, 120 rounds, no difference.
# An entry citing 45 bare names (many-names.mdx, written on the first run) and
# changes to any source (a cited name defined again, renamed, a definition
# renamed, a new source) exercise the definitions cache of every definition.
# 2026-11-29, the listing cache, on the years-old handbook (DEPTHS=50,500,2000,5000):
# seeds 11-12, 80 rounds, no difference; with the definitions cache by name, seeds 21-22,
# 80 rounds, no difference.
# 2026-11-29 at 5489875 (bare names looked up only for drift): seeds 31-32 on the
# years-old handbook, 33 on the recent one, 90 rounds, no difference.
# 2026-11-29 at ad6b0ae (cited files read before the checks, prefetch): seeds 51-52
# on the years-old handbook, 80 rounds, no difference.
# 2026-11-29 at 4454b51 and a12d6ba (cache writing, stamps from the probe's lstat):
# seeds 53-56 on the years-old handbook, 160 rounds, no difference.
# 2026-11-29, the lookup near an import and the subtrees cache (imports-near.mdx,
# linted alone too each round): seeds 61-62 on the years-old handbook, 80 rounds,
# no difference; a build that trusts the subtrees cache without its inputs: 34
# differences in 40 rounds (seed 53, from the first "nearsub").
import json, os, random, re, shutil, subprocess, sys, time, glob
if len(sys.argv) < 3:
    sys.exit('usage: cachediff.py REPO HANDBOOK [SEED [ROUNDS]]')
HB=os.path.abspath(sys.argv[2])
os.chdir(sys.argv[1])
rng=random.Random(int(sys.argv[3]) if len(sys.argv)>3 else 1)
saved='.git/handbook-saved'
def lint(cache=True,*paths):
    if not cache and os.path.exists('.git/handbook'):
        shutil.move('.git/handbook',saved)
    try:
        out=subprocess.run([HB,'lint','--format','json',*paths],capture_output=True,text=True).stdout
    finally:
        if not cache and os.path.exists(saved):
            if os.path.exists('.git/handbook'): shutil.rmtree('.git/handbook')
            shutil.move(saved,'.git/handbook')
    return out
cited=sorted(set(re.findall(r'(celery/[\w/]+\.py)', ''.join(open(f).read() for f in glob.glob('handbook/**/*.mdx',recursive=True)))))
print(len(cited),'cited files')
# Many bare names (past the 24 a run once scanned one by one), looked up
# through the definitions cache: an entry citing 40 names defined in the
# repository's sources (some more than once) and 5 defined nowhere, and
# next to a path that does not define them (so that the message says where
# each is defined, with or without ref-drift).
sources=sorted(subprocess.run(['git','ls-files','*.py'],capture_output=True,text=True).stdout.split())
defs=sorted(set(n for f in sources for n in re.findall(r'^\s*(?:def|class) ([A-Za-z]\w*[A-Z_]\w*)',open(f,errors='replace').read(),re.M)))
names=rng.sample(defs,min(40,len(defs)))+['NoSuchName%d'%i for i in range(5)]
entry=os.path.join(os.path.dirname(glob.glob('handbook/**/*.mdx',recursive=True)[0]),'many-names.mdx')
if not os.path.exists(entry):
    body=''.join('`%s` and `%s` (`%s:1`).\n\n'%(n,names[(i+7)%len(names)],cited[i%len(cited)]) for i,n in enumerate(names))
    open(entry,'w').write('---\ntitle: "Many names"\ndescription: "Bare names, many of them."\n---\n\nNames.\n\n'+body)
names=re.findall(r'`(\w+)` and',open(entry).read())
print(len(names),'names cited in',entry)
# Imports of names their package does not define but a module below its
# folder does (the lookup near the import, and the subtrees cache): an
# entry importing one such name from each of 30 packages, written on the
# first run.
ient=os.path.join(os.path.dirname(entry),'imports-near.mdx')
if not os.path.exists(ient):
    pkgs=sorted(os.path.dirname(f) for f in sources if f.endswith('/__init__.py') and f.startswith('celery/'))
    lines=[]
    for p in rng.sample(pkgs,min(30,len(pkgs))):
        said=set(re.findall(r'\w+',open(p+'/__init__.py',errors='replace').read()))
        below=[f for f in sources if f.startswith(p+'/') and not f.endswith('/__init__.py')]
        ns=sorted(set(n for f in below for n in re.findall(r'^(?:def|class) ([A-Za-z]\w*)',open(f,errors='replace').read(),re.M))-said)
        if ns:
            lines.append('from %s import %s'%(p.replace('/','.'),rng.choice(ns)))
    open(ient,'w').write('---\ntitle: "Imports"\ndescription: "Names imported from packages."\n---\n\nImports.\n\n```python\n'+'\n'.join(lines)+'\n```\n')
imports=re.findall(r'^from ([\w.]+) import (\w+)$',open(ient).read(),re.M)
print(len(imports),'imports in',ient)
def sh(*a): subprocess.run(a,capture_output=True)
bad=0
for it in range(int(sys.argv[4]) if len(sys.argv)>4 else 25):
    f=rng.choice(cited)
    kind=rng.choice(['insert','rename-def','mv','dup','rm','samesize','commit','mkfile','ignore','subignore','exclude','defname','undef','rename-any','newsrc','nearsub','nearignore','defimp','nearmv'])
    pkg,iname=rng.choice(imports) if imports else ('celery','x')
    pdir=pkg.replace('.','/')
    g=rng.choice(sources)  # any source, cited or not
    try:
        if kind=='insert' and os.path.exists(f):
            s=open(f).read(); open(f,'w').write('# a\n# b\n# c\n'+s)
        elif kind=='rename-def' and os.path.exists(f):
            s=open(f).read(); m=list(re.finditer(r'^(\s*)(def|class) (\w+)',s,re.M))
            if m:
                x=rng.choice(m); s=s[:x.start(3)]+x.group(3)+'_gone'+s[x.end(3):]; open(f,'w').write(s)
        elif kind=='mv' and os.path.exists(f):
            sh('git','mv',f,f[:-3]+'_moved.py')
        elif kind=='dup' and os.path.exists(f):
            s=open(f).read(); m=re.findall(r'^(?:def|class) (\w+)',s,re.M)
            if m:
                os.makedirs('celery/dupes',exist_ok=True)
                open('celery/dupes/d%d.py'%it,'w').write('def %s():\n    pass\n'%rng.choice(m))
        elif kind=='rm' and os.path.exists(f):
            os.remove(f)
        elif kind=='samesize' and os.path.exists(f):
            st=os.stat(f); s=bytearray(open(f,'rb').read())
            m=list(re.finditer(rb'^(def|class) (\w)',bytes(s),re.M))
            if m:
                x=rng.choice(m); i=x.start(2); s[i]=ord('Q') if s[i]!=ord('Q') else ord('R')
                open(f,'wb').write(s); os.utime(f,(st.st_atime,st.st_mtime))
        elif kind=='commit':
            sh('git','add','-A'); sh('git','commit','-qm','x%d'%it)
        elif kind=='mkfile':
            d=os.path.dirname(f)+'/newdir%d'%it; os.makedirs(d,exist_ok=True); open(d+'/'+os.path.basename(f),'w').write('x = 1\n')
        elif kind=='ignore':
            open('.gitignore','a').write('\n'+f[:-3]+'_moved.py\n')
        elif kind=='subignore':
            # an ignore file in a folder, for a file or a folder below it
            d=os.path.dirname(f); open(d+'/.gitignore','a').write('\n'+rng.choice([os.path.basename(f),'newdir*/','dupes/','*.py'])+'\n')
        elif kind=='defname' and os.path.exists(g):
            # a cited name defined once more, in any source
            open(g,'a').write('\n\ndef %s():\n    pass\n'%rng.choice(names))
        elif kind=='undef':
            # a cited name's definition renamed, wherever it is
            n=rng.choice(names)
            for h in sources:
                if os.path.exists(h):
                    s=open(h,errors='replace').read()
                    m=re.search(r'^(\s*(?:def|class) )%s\b'%re.escape(n),s,re.M)
                    if m:
                        open(h,'w').write(s[:m.end(1)]+n+'_was'+s[m.end():]); break
        elif kind=='rename-any' and os.path.exists(g):
            s=open(g,errors='replace').read(); m=list(re.finditer(r'^(\s*)(def|class) (\w+)',s,re.M))
            if m:
                x=rng.choice(m); open(g,'w').write(s[:x.start(3)]+x.group(3)+'_x'+s[x.end(3):])
        elif kind=='newsrc':
            d='celery/newsrc%d'%it; os.makedirs(d,exist_ok=True)
            open(d+'/m.py','w').write('class %s:\n    pass\n'%rng.choice(names))
        elif kind=='nearsub':
            # an imported name defined again below its package's folder
            d=pdir+'/nearsub%d'%it; os.makedirs(d,exist_ok=True)
            open(d+'/m.py','w').write('class %s:\n    pass\n'%iname)
        elif kind=='nearignore':
            # an ignore file in the package's folder or one below it
            subs=[r for r,_,_ in os.walk(pdir)]
            d=rng.choice(subs); open(d+'/.gitignore','a').write('\n'+rng.choice(['*.py','nearsub*/',os.path.basename(rng.choice(glob.glob(d+'/*.py') or ['x.py']))])+'\n')
        elif kind=='defimp' and os.path.exists(g):
            # an imported name defined once more, in any source
            open(g,'a').write('\n\nclass %s:\n    pass\n'%iname)
        elif kind=='nearmv':
            # a folder below the package's renamed
            subs=[r for r,_,_ in os.walk(pdir) if r!=pdir]
            if subs:
                d=rng.choice(subs); sh('git','mv',d,d+'_mv%d'%it)
        elif kind=='exclude':
            os.makedirs('.git/info',exist_ok=True); open('.git/info/exclude','a').write('\n'+rng.choice(['celery/dupes/','*_moved.py',f])+'\n')
    except Exception as e:
        print('mutation failed',e)
    if rng.random()<0.6: time.sleep(2.3)
    # The imports alone too: a run that lints the whole handbook lists every
    # file for other questions (the only file of a name), and then finds
    # a package's files in that list instead of the subtrees cache.
    a,ai=lint(True),lint(True,ient); b,bi=lint(False),lint(False,ient)
    if a!=b or ai!=bi:
        bad+=1
        print('DIFF after',it,kind,f)
        open('/tmp/cf-a%d.json'%it,'w').write(a+ai); open('/tmp/cf-b%d.json'%it,'w').write(b+bi)
    else:
        print('ok',it,kind,f,pkg,iname, len(json.loads(a)['findings']) if a else 'noout')
print('differences:',bad)
sys.exit(1 if bad else 0)
