"""Runs OpenCompass' own prompt rendering, post-processors and evaluators and writes what they
give, for EditGate's Java tests to equal (src/test/resources/dev/editgate/bench/opencompass/).

Usage (see README.md beside this file):

    python tools/opencompass/parity.py --study OC_AT_120bf8b --head OC_AT_a5acc4b \
        --data ../shared/data --out src/test/resources/dev/editgate/bench/opencompass

Nothing of OpenCompass is re-implemented here: the prompts come from its PromptTemplate,
retrievers, inferencers' exemplar-dropping loop and the base-model template parser
(opencompass/models/base.py); the verdicts from its post-processors and evaluators, called on
the table of model outputs in cases.py. The only thing standing in for a model is the table of
outputs (and, for MMLU, of per-option perplexities): those are the inputs.
"""

import argparse
import csv
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
from datasets import Dataset, DatasetDict  # noqa: E402

import cases  # noqa: E402
import oc_import  # noqa: E402

STUDY = '120bf8b3990e5e3c085683398edd5997b7d31005'
HEAD = 'a5acc4bba3b658f151617a3b393602110fb7a740'


# ----------------------------------------------------------------------------- prompts


class _Holder:
    """What a retriever reads from a BaseDataset: .reader, .train, .test."""

    def __init__(self, dataset_dict, **reader_cfg):
        from opencompass.openicl.icl_dataset_reader import DatasetReader
        self.reader = DatasetReader(dataset_dict, **reader_cfg)
        self.train = self.reader.dataset['train']
        self.test = self.reader.dataset['test']


class _RecordingModel:
    """A model for the inferencers: OpenCompass' base-model template parser and token counting
    (BaseModel's own methods), a real tokenizer, and per-option perplexities from the table."""

    def __init__(self, tokenizer, ppl_rows=None):
        from opencompass.models.base import BaseModel, LMTemplateParser
        self.template_parser = LMTemplateParser(None)
        self.tokenizer = tokenizer
        self.ppl_rows = ppl_rows or {}
        self.asked = []
        self._bm = BaseModel

    def parse_template(self, templates, mode):
        return self.template_parser.parse_template(templates, mode)

    def get_token_len(self, prompt):
        return len(self.tokenizer.encode(prompt))  # HuggingFace.get_token_len

    def get_token_len_from_template(self, templates, mode='ppl'):
        return self._bm.get_token_len_from_template(self, templates, mode)

    def get_ppl_from_template(self, templates, mask_length=None):
        inputs = self.parse_template(templates, mode='ppl')
        self.asked.extend(inputs)
        return np.array([self.ppl_rows.get(p, 1.0) for p in inputs])


def _gen_prompt(holder, prompt_template=None, ice_template=None, retriever=None, max_seq_len=None,
                model=None):
    from opencompass.models.base import LMTemplateParser
    from opencompass.openicl.icl_inferencer.icl_gen_inferencer import GenInferencer
    if retriever is None:
        from opencompass.openicl.icl_retriever.icl_zero_retriever import ZeroRetriever
        retriever = ZeroRetriever(holder)
    inf = GenInferencer.__new__(GenInferencer)  # only its prompt-list method is used
    inf.model = model
    prompts = inf.get_generation_prompt_list_from_retriever_indices(
        retriever.retrieve(), retriever, '', max_seq_len=max_seq_len,
        ice_template=ice_template, prompt_template=prompt_template)
    return LMTemplateParser(None).parse_template(prompts[0], mode='gen')


def _config(path, name):
    """Loads an OpenCompass dataset config file's variables (its imports resolve in the checkout)."""
    ns = {'__file__': path}
    with open(path, encoding='utf-8') as f:
        exec(compile(f.read(), path, 'exec'), ns)  # noqa: S102  (OpenCompass' own config file)
    return ns[name]


def _build(cfg):
    """PromptTemplate objects from a config dict (type + kwargs)."""
    if cfg is None:
        return None
    kw = {k: v for k, v in cfg.items() if k != 'type'}
    return cfg['type'](**kw)


def prompts(oc, data, tok_dir):
    from transformers import AutoTokenizer
    from opencompass.datasets.ax import AXDataset_V2
    from opencompass.datasets.bbh import BBHDataset
    from opencompass.datasets.c3 import C3Dataset_V2
    from opencompass.datasets.mbpp import MBPPDataset
    from opencompass.datasets.mmlu import MMLUDataset
    from opencompass.datasets.commonsenseqa import commonsenseqaDataset
    from opencompass.datasets.tydiqa import TydiQADataset
    from opencompass.datasets.math import MATHDataset
    from opencompass.openicl.icl_retriever.icl_fix_k_retriever import FixKRetriever
    from opencompass.openicl.icl_inferencer.icl_ppl_inferencer import PPLInferencer
    cfgdir = os.path.join(oc, 'configs', 'datasets')
    out = {}
    tmp = tempfile.mkdtemp()

    def one(ds, reader_cfg, infer_cfg, item=0, **kw):
        test = ds['test'] if isinstance(ds, DatasetDict) else ds
        sub = DatasetDict({'train': ds['train'] if isinstance(ds, DatasetDict) and 'train' in ds
                           else test, 'test': test.select([item])})
        rc = {k: v for k, v in reader_cfg.items() if k not in ('train_split', 'test_split')}
        h = _Holder(sub, **rc)
        return _gen_prompt(h, prompt_template=_build(infer_cfg.get('prompt_template')),
                           ice_template=_build(infer_cfg.get('ice_template')), **kw)

    # AX-b: first record
    cfg = os.path.join(cfgdir, 'SuperGLUE_AX_b', 'SuperGLUE_AX_b_gen_4dfefa.py')
    ds = AXDataset_V2.load(os.path.join(data, 'superglue_axb', 'AX-b.jsonl'))
    out['axb'] = dict(config='SuperGLUE_AX_b_gen_4dfefa', id=ds[0]['idx'], prompt=one(
        ds, _config(cfg, 'AX_b_reader_cfg'), _config(cfg, 'AX_b_infer_cfg')))

    # C3: d-dev then m-dev in one file, as OpenCompass' dev_0.json
    docs = []
    for part in ('c3-d-dev.json', 'c3-m-dev.json'):
        with open(os.path.join(data, 'c3', part), encoding='utf-8') as f:
            docs += json.load(f)
    c3file = os.path.join(tmp, 'c3-dev.json')
    with open(c3file, 'w', encoding='utf-8') as f:
        json.dump(docs, f, ensure_ascii=False)
    cfg = os.path.join(cfgdir, 'CLUE_C3', 'CLUE_C3_gen_8c358f.py')
    ds = C3Dataset_V2.load(c3file)
    out['c3'] = dict(config='CLUE_C3_gen_8c358f', id=docs[0][2] + '/0', prompt=one(
        ds, _config(cfg, 'C3_reader_cfg'), _config(cfg, 'C3_infer_cfg')))

    # BBH: one multiple-choice and one free-form task, OpenCompass' own lib_prompt files
    for task, kind in (('date_understanding', 'multiple_choice'), ('object_counting', 'free_form')):
        hint = open(os.path.join(cfgdir, 'bbh', 'lib_prompt', task + '.txt')).read()
        ds = BBHDataset.load(os.path.join(data, 'bbh', 'bbh'), task)
        all_ds = _config(os.path.join(cfgdir, 'bbh', 'bbh_gen_5b92b0.py'), 'bbh_datasets')
        d = next(x for x in all_ds if x['name'] == task)
        assert hint in d['infer_cfg']['prompt_template']['template']['round'][0]['prompt']
        out['bbh-' + task] = dict(config='bbh_gen_5b92b0', kind=kind, id=task + '/0', prompt=one(
            ds, d['reader_cfg'], d['infer_cfg']))

    # MATH: the original MATH layout (a dict of problems) made from MATH-500's first record
    with open(os.path.join(data, 'math500', 'test.jsonl'), encoding='utf-8') as f:
        first = json.loads(f.readline())
    mfile = os.path.join(tmp, 'math.json')
    with open(mfile, 'w') as f:
        json.dump({'0': {'problem': first['problem'], 'solution': first['solution']}}, f)
    cfg = os.path.join(cfgdir, 'math', 'math_gen_265cce.py')
    out['math'] = dict(config='math_gen_265cce', id='item0', prompt=one(
        MATHDataset.load(mfile), _config(cfg, 'math_reader_cfg'), _config(cfg, 'math_infer_cfg')))

    # MBPP: test split starts at task 11
    cfg = os.path.join(cfgdir, 'mbpp', 'mbpp_gen_1e1056.py')
    if not os.path.exists(cfg):
        cfg = os.path.join(cfgdir, 'mbpp', 'deprecated_mbpp_gen_1e1056.py')
    ds = MBPPDataset.load(os.path.join(data, 'mbpp', 'mbpp.jsonl'))
    out['mbpp'] = dict(config='mbpp_gen_1e1056', id=str(ds['test'][0]['task_id']), prompt=one(
        ds, _config(cfg, 'mbpp_reader_cfg'), _config(cfg, 'mbpp_infer_cfg')))

    # TyDiQA-GoldP: the hand-written GoldP file of the Java tests, one language file per language
    gold = json.load(open(os.path.join(os.path.dirname(__file__), '..', '..', 'src', 'test',
                                       'resources', 'dev', 'editgate', 'bench', 'tydiqa',
                                       'goldp-sample.json'), encoding='utf-8'))
    tdir = os.path.join(tmp, 'tydiqa', 'dev')
    os.makedirs(tdir)
    per_lang = {}
    for art in gold['data']:
        for para in art['paragraphs']:
            for qa in para['qas']:
                lang = qa['id'].split('-')[0]
                per_lang.setdefault(lang, []).append(dict(
                    id=qa['id'], passage_text=para['context'], question_text=qa['question'],
                    answers=qa['answers']))
    for lang, rows in per_lang.items():
        with open(os.path.join(tdir, lang + '-dev.jsonl'), 'w', encoding='utf-8') as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + '\n')
    cfg = os.path.join(cfgdir, 'tydiqa', 'tydiqa_gen_978d2a.py')
    for d in _config(cfg, 'tydiqa_datasets'):
        lang = d['lang']
        if lang not in per_lang:
            continue
        ds = TydiQADataset.load(os.path.join(tmp, 'tydiqa'), lang)
        out['tydiqa-' + lang] = dict(config='tydiqa_gen_978d2a', id=per_lang[lang][0]['id'],
                                     prompt=one(ds, d['reader_cfg'], d['infer_cfg']))

    # CommonsenseQA: the layout of commonsenseqa_gen_c946f2 with its ice template, fed eight
    # fixed exemplars (the first eight dev records; OpenCompass' MDL retriever needs the train
    # split and a model, see README); the question is dev record 8
    rows = [json.loads(line) for line in open(
        os.path.join(data, 'commonsenseqa', 'dev_rand_split.jsonl'), encoding='utf-8')]
    cdir = os.path.join(tmp, 'csqa')
    os.makedirs(cdir)
    for stub, part in (('train_rand_split.jsonl', rows[:8]), ('dev_rand_split.jsonl', rows[8:9])):
        with open(os.path.join(cdir, stub), 'w', encoding='utf-8') as f:
            for r in part:
                f.write(json.dumps(dict(
                    id=r['id'], answerKey=r['answerKey'],
                    question=dict(stem=r['question'], choices=[
                        dict(label=lab, text=t)
                        for lab, t in zip(r['choices']['label'], r['choices']['text'])])))
                    + '\n')
    cfg = os.path.join(cfgdir, 'commonsenseqa', 'commonsenseqa_gen_c946f2.py')
    infer = _config(cfg, 'commonsenseqa_infer_cfg')
    reader = _config(cfg, 'commonsenseqa_reader_cfg')
    ds = commonsenseqaDataset.load(cdir)
    h = _Holder(DatasetDict({'train': ds['train'], 'test': ds['validation']}),
                input_columns=reader['input_columns'], output_column=reader['output_column'])
    out['commonsenseqa'] = dict(
        config='commonsenseqa_gen_c946f2', id=rows[8]['id'],
        exemplars=[r['id'] for r in rows[:8]],
        prompt=_gen_prompt(h, ice_template=_build(infer['ice_template']),
                           retriever=FixKRetriever(h, fix_id_list=list(range(8)))))

    # MMLU: the four per-option prompts, through PPLInferencer with a real tokenizer; once with
    # no length limit, once with the stories260k window (512 tokens) so whole exemplars drop
    mdir = os.path.join(tmp, 'mmlu')
    cfg = os.path.join(cfgdir, 'mmlu', 'mmlu_ppl_ac766d.py')
    mmlu = {}
    tok = AutoTokenizer.from_pretrained(tok_dir)
    for subject, item, limit in (('abstract_algebra', 0, 2048), ('high_school_geography', 3, 512)):
        for split in ('dev', 'test'):
            os.makedirs(os.path.join(mdir, split), exist_ok=True)
            with open(os.path.join(data, 'mmlu', split, f'{subject}_{split}.csv'),
                      encoding='utf-8') as f:
                recs = list(csv.reader(f))[1:]
            with open(os.path.join(mdir, split, f'{subject}_{split}.csv'), 'w',
                      encoding='utf-8', newline='') as f:
                w = csv.writer(f)
                for r in recs:
                    w.writerow(r[:5] + ['ABCD'[int(r[5])]])
        d = next(x for x in _config(cfg, 'mmlu_datasets') if x['name'] == subject)
        ds = MMLUDataset.load(mdir, subject)
        rc = {k: v for k, v in d['reader_cfg'].items() if k != 'train_split'}
        h = _Holder(DatasetDict({'train': ds['dev'], 'test': ds['test'].select([item])}), **rc)
        model = _RecordingModel(tok)
        inf = PPLInferencer(model=model, max_seq_len=limit, output_json_filepath=tmp)
        fix = d['infer_cfg']['retriever']['fix_id_list']
        inf.inference(FixKRetriever(h, fix_id_list=fix),
                      ice_template=_build(d['infer_cfg']['ice_template']),
                      prompt_template=_build(d['infer_cfg']['prompt_template']))
        mmlu[f'{subject}/test/{item}'] = dict(window=limit, prompts=model.asked)
    out['mmlu'] = dict(config='mmlu_ppl_ac766d', tokenizer='stories260k', items=mmlu)

    # MMLU predictions: PPLInferencer on 30 questions, the recording model answering each
    # option's prompt with the table's perplexity
    d = next(x for x in _config(cfg, 'mmlu_datasets') if x['name'] == 'abstract_algebra')
    ds = MMLUDataset.load(mdir, 'abstract_algebra')
    rc = {k: v for k, v in d['reader_cfg'].items() if k != 'train_split'}
    h = _Holder(DatasetDict({'train': ds['dev'], 'test': ds['test'].select(range(30))}), **rc)
    probe = _RecordingModel(tok)
    PPLInferencer(model=probe, max_seq_len=100000, output_json_filepath=tmp).inference(
        FixKRetriever(h, fix_id_list=[0, 1, 2, 3, 4]),
        ice_template=_build(d['infer_cfg']['ice_template']),
        prompt_template=_build(d['infer_cfg']['prompt_template']))
    rows = {}
    for n, p in enumerate(probe.asked):  # asked label by label: A for every item, then B, ...
        label, item = divmod(n, 30)
        rows[p] = cases.MMLU_PPL[item][label]
    model = _RecordingModel(tok, rows)
    preds = PPLInferencer(model=model, max_seq_len=100000, output_json_filepath=tmp).inference(
        FixKRetriever(h, fix_id_list=[0, 1, 2, 3, 4]),
        ice_template=_build(d['infer_cfg']['ice_template']),
        prompt_template=_build(d['infer_cfg']['prompt_template']))
    out['mmlu_ppl'] = [dict(ppl=r, pred=p) for r, p in zip(cases.MMLU_PPL, preds)]
    return out


# ----------------------------------------------------------------------------- verdicts


def verdicts(tag):
    from opencompass.utils.text_postprocessors import (first_capital_postprocess,
                                                        first_option_postprocess)
    import importlib
    bbh, math, mbpp, tydiqa = (importlib.import_module('opencompass.datasets.' + m)
                               for m in ('bbh', 'math', 'mbpp', 'tydiqa'))
    res = {}
    res['first_capital'] = [dict(output=o, pred=first_capital_postprocess(o))
                            for o in cases.FIRST_CAPITAL]
    res['first_option_AB'] = [dict(output=o, pred=first_option_postprocess(o, 'AB'))
                              for o in cases.FIRST_OPTION]
    rows = []
    for kind, output, target in cases.BBH:
        if kind == 'mc':
            pred = bbh.bbh_mcq_postprocess(output)
            ref = bbh.bbh_mcq_postprocess(target)
            s = bbh.BBHEvaluator_mcq().score([pred], [ref])
        else:
            s = bbh.BBHEvaluator().score([output], [target])
            pred = s['details'][0]['pred']
        rows.append(dict(kind=kind, output=output, target=target, pred=pred,
                         correct=s['details'][0]['correct']))
    res['bbh'] = rows
    rows = []
    for output, ref in cases.MATH:
        if tag == 'study':
            pred = math.math_postprocess(output)
            ev = math.MATHEvaluator()
        else:
            pred = math.math_postprocess_v2(output)
            ev = math.MATHEvaluator(version='v2')
        s = ev.score([pred], [ref])
        rows.append(dict(output=output, reference=ref, pred=pred,
                         correct=s['details'][0]['correct']))
    res['math'] = rows
    ev = tydiqa.TydiQAEvaluator()
    res['tydiqa'] = [dict(output=o, references=refs, f1=ev.score([o], [refs])['f1'] / 100,
                          exact_match=ev.score([o], [refs])['exact_match'] / 100)
                     for o, refs in cases.TYDIQA]
    ev = mbpp.MBPPEvaluator()
    res['mbpp_extract'] = [dict(output=o, code=ev._process_answer(o)) for o in cases.MBPP]
    rows = []
    for name, output, tests in cases.MBPP_RUN:
        code = ev._process_answer(output)
        programs = ev._process_test('\n'.join(tests), code)
        try:
            verdict = mbpp.execution(programs, 0, 10 if tag == 'head' else 3)[1]
        except Exception as e:  # os._exit leaves no result: OpenCompass' own scoring raises
            verdict = 'crash: ' + type(e).__name__
        rows.append(dict(name=name, output=output, tests=tests, verdict=verdict))
    res['mbpp_run'] = rows
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--study', required=True, help=f'OpenCompass checkout at {STUDY}')
    ap.add_argument('--head', required=True, help=f'OpenCompass checkout at {HEAD}')
    ap.add_argument('--data', required=True, help='the shared data folder (../shared/data)')
    ap.add_argument('--tokenizer', required=True, help='a Hugging Face tokenizer folder '
                    '(../shared/models/stories260k) for the MMLU window test')
    ap.add_argument('--out', required=True)
    ap.add_argument('--only', choices=['study', 'head'], help=argparse.SUPPRESS)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    if a.only is None:  # one process per commit: mmengine's registries are global
        import subprocess
        for tag in ('study', 'head'):
            subprocess.run([sys.executable] + sys.argv + ['--only', tag], check=True)
        return
    for tag, path, commit in (('study', a.study, STUDY), ('head', a.head, HEAD)):
        if tag != a.only:
            continue
        oc_import.use(path)
        out = dict(opencompass_commit=commit, verdicts=verdicts(tag))
        if tag == 'study':
            out['prompts'] = prompts(path, a.data, a.tokenizer)
        with open(os.path.join(a.out, f'opencompass-{tag}.json'), 'w', encoding='utf-8') as f:
            json.dump(out, f, ensure_ascii=False, indent=1, sort_keys=True)
            f.write('\n')
        print(f'wrote {a.out}/opencompass-{tag}.json')


if __name__ == '__main__':
    main()
