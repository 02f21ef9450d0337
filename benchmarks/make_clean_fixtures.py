"""Generate the clean-text corpora and the labelled error set for the `clean` stage (deterministic, seed 0).

    python benchmarks/make_clean_fixtures.py

tests/fixtures/clean_corpus_{zh,en,mixed}.txt: clean lines (written here, filled from templates): Chinese with
correct full-width punctuation, English, mixed Chinese-English; with URLs, code spans, LaTeX, versions, dates,
times, percentages, identifiers and paths. `clean` must leave them unchanged (normalising rules aside).
tests/fixtures/clean_errors.jsonl: lines of those corpora with one injected error each and the answer:
{"kind", "noisy", "truth"}. Kinds: width (，→,), lookalike (已→己, 未→末 ...), digit_O, digit_l, letter_l,
hyphen_space (high- quality), soft_hyphen (recog- nition), entity (& → &amp;).
"""
import json, random, re
from pathlib import Path

R = random.Random(0)
OUT = Path(__file__).resolve().parent.parent/'tests'/'fixtures'

ZH = [
 '第{n}条 为了规范数据处理活动，保障数据安全，促进数据开发利用，制定本办法。',
 '本办法自{y}年{m}月{d}日起施行，有效期为{k}年。',
 '个人信息处理者应当采取必要措施，保障所处理的个人信息的安全。',
 '他已经完成了未来三年的工作计划，并向委员会提交了报告。',
 '会议于{y}年{m}月{d}日上午{h}:{mi}在北京召开，共有{k}人出席。',
 '据统计，{y}年全国粮食产量达到{n}万吨，比上年增长{p}%。',
 '这本书的第{n}章讨论了人工智能的发展历史与未来趋势。',
 '我们自己的事情要自己做，不能总是依赖别人。',
 '出入境管理部门提醒旅客：请提前{k}小时到达机场办理手续。',
 '（一）以向境内自然人提供产品或者服务为目的；',
 '（二）分析、评估境内自然人的行为；',
 '（{n}）法律、行政法规规定的其他情形。',
 '第{cn}章 总则',
 '第{cn}节 一般规定',
 '“数据”是指任何以电子或者其他方式对信息的记录。',
 '《中华人民共和国个人信息保护法》已由全国人民代表大会常务委员会通过。',
 '国家机关应当依照法律、行政法规规定的权限和程序处理个人信息。',
 '土地资源是人类生存和发展的基础，必须合理利用、切实保护。',
 '日本、韩国和新加坡的代表也参加了本次论坛。',
 '末班车的发车时间为晚上{h}点{mi}分，请乘客注意。',
 '人口普查数据显示，城镇人口占总人口的{p}%。',
 '价格从{n}元下降到{k}元，降幅约为{p}%。',
 '问题的关键在于如何在效率与公平之间取得平衡？',
 '太好了！我们终于赢得了这场比赛！',
 '请注意：本通知的内容以官方网站公布的为准。',
 '学生们在老师的带领下参观了博物馆，了解了古代文明的历史……',
 '这是一个——至少在当时看来——相当大胆的决定。',
 '本项目的负责人是张三，联系电话为{tel}。',
 '根据第{n}条第{k}款的规定，处理者应当在{k}个工作日内答复。',
 '图{n}：系统总体架构示意图',
 '表{n} 各地区{y}年主要经济指标',
 '他说：“我明天一定准时到。”',
 '公司于{y}年在上海成立，注册资本为人民币{n}万元。',
 '士兵们在日出之前就已经整装待发。',
 '未成年人的个人信息应当受到特别保护。',
 '各级人民政府应当加强对数据安全工作的领导。',
]
EN = [
 'The committee met on {y}-{mm}-{dd} and approved {n} of the {k} proposals.',
 'Python {v} was released in {mon} {y}; see the release notes for details.',
 'A state-of-the-art model reached {p}% accuracy on the COVID-19 test set.',
 'The new release cycle is twelve months long, with {k} beta releases.',
 'Use `pip install ocr-post=={v}` to install this exact version.',
 'The error rate dropped from {p}% to {q}% after {k} iterations.',
 'Send questions to support@example.org or visit https://example.org/docs/{w}.',
 'The file is stored at /usr/local/share/{w}/config.yaml on Linux.',
 'Call `os.path.join()` rather than concatenating strings by hand.',
 'The loss is defined as \\(L = -\\sum_i y_i \\log p_i\\) over {k} classes.',
 'Between 3-5 reviewers are assigned to each submission.',
 'The meeting starts at {h}:{mi} and ends at {h2}:{mi}.',
 'It weighs about {n} kg and costs ${k}.',
 'Each council member serves a two-year term; no member may serve more than {k} terms.',
 'The B2B market for H2O sensors grew in {y}, according to the report.',
 'Well-known examples include the MP3 format and the A4 paper size.',
 'Stay hungry, stay foolish.',
 'See PEP {n} for the full specification of the proposal.',
 'The variable max_len controls the maximum length, and getValue() returns it.',
 'Version {v} fixes {k} bugs and improves performance by {p}%.',
 'Hackers & Painters is a collection of essays by Paul Graham.',
 'The result, however, was not what anyone had expected.',
 'Pre- and post-processing steps are described in Section {n}.',
 'Our approach combines rule-based and statistical methods.',
 'In {y}, only {k} of the {n} participants completed the survey.',
 'The recognition rate of the system is high on clean pages.',
 'Information retrieval and natural language processing are closely related.',
 'An e-mail was sent to all {n} members on {mon} {d}, {y}.',
 'The temperature rose to {k} degrees at {h} pm.',
 'Steering council elections are held after each feature release.',
 'IPv4 addresses such as 192.168.{k}.{n} are private.',
 'The i18n and l10n teams translated the interface into {k} languages.',
 'Run the tests with `pytest -x tests/` before you submit.',
 'The second edition (published in {y}) adds {k} new chapters.',
 'Is this the final answer? Nobody knows!',
]
MIX = [
 '在 LeanCloud 上，数据存储是围绕 AVObject 进行的。',
 '使用 Python {v} 运行该脚本，耗时约 {k} 秒。',
 '请访问 https://github.com/example/{w} 获取源代码。',
 '调用 `jieba.lcut(text)` 即可得到分词结果。',
 '公式 \\(E = mc^2\\) 描述了质量与能量的关系。',
 '该模型在测试集上的准确率为 {p}%，比基线高 {q} 个百分点。',
 'Rust 的所有权系统保证了内存安全，而无需垃圾回收。',
 '这次发布包含 {k} 个新特性，详见 CHANGELOG.md。',
 '我们使用 DeepSeek-OCR 识别了 {n} 页文档。',
 '配置文件位于 /etc/{w}/config.json，修改后需重启服务。',
 '今天出门买了 {k} 台 iPhone，花了 {n} 元。',
 '如果你有任何问题，请发邮件到 help@example.com。',
 '变量 max_len 表示最大长度，默认值为 {n}。',
 '第 {n} 章介绍了 Cargo 的基本用法。',
 '版本 v{v} 修复了 {k} 个问题。',
 '在 {y} 年 {m} 月 {d} 日之前提交申请。',
 'HTTP 状态码 404 表示资源不存在。',
 '他喜欢读《Hackers & Painters》这本书。',
 '使用 Markdown 编写文档，再用 Pandoc 转换为 PDF。',
 'CPU 使用率在 {h}:{mi} 达到峰值 {p}%。',
 '函数 f(x) 在区间 [0, 1] 上连续。',
 '人工智能（AI）正在改变各行各业。',
 '选择 GPU 还是 CPU，取决于模型的大小。',
 '文件名为 report_{y}.pdf，大小为 {k} MB。',
 '在 macOS 上可以用 Homebrew 安装 Tesseract。',
 '我们的团队由 {k} 名工程师组成，其中 {q} 名负责 NLP。',
 'Java 和 C++ 都是静态类型语言。',
 '请在 {h}:{mi} 之前登录 www.example.com 完成注册。',
 'Stay hungry, stay foolish. 这句话出自乔布斯的演讲。',
 '这个方案是 schema-free 的，适合快速迭代。',
]
CN = '一二三四五六七八九十'
MON = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
WORDS = ['ocr', 'clean', 'docs', 'tools', 'data', 'models']

def fill(t):
    v = f'{R.randint(1,4)}.{R.randint(0,13)}.{R.randint(0,9)}'
    return t.format(n=R.randint(2, 999), k=R.randint(2, 60), q=R.randint(1, 9), y=R.randint(1990, 2030), m=R.randint(1, 12),
                    d=R.randint(1, 28), mm=f'{R.randint(1,12):02d}', dd=f'{R.randint(1,28):02d}', h=R.randint(1, 11),
                    h2=R.randint(12, 23), mi=f'{R.randint(0,59):02d}', p=round(R.uniform(1, 99), 1), v=v, w=R.choice(WORDS),
                    mon=R.choice(MON), cn=R.choice(CN), tel=f'010-{R.randint(10000000, 99999999)}')

def corpus(ts, n): return [fill(R.choice(ts)) if i >= len(ts) else fill(ts[i]) for i in range(n)]

LOOK = {'已': '己', '未': '末', '人': '入', '日': '曰', '土': '士', '末': '未', '士': '土'}

def inject(line):
    "One (kind, noisy) for `line`, or None"
    opts = []
    for m in re.finditer('，', line): opts.append(('width', line[:m.start()] + ',' + line[m.end():]))
    for m in re.finditer('[已未人日土末士]', line): opts.append(('lookalike', line[:m.start()] + LOOK[m.group()] + line[m.end():]))
    for m in re.finditer(r'(?<=[0-9])0|0(?=[0-9])', line): opts.append(('digit_O', line[:m.start()] + 'O' + line[m.end():]))
    for m in re.finditer(r'(?<=[0-9])1|1(?=[0-9])', line): opts.append(('digit_l', line[:m.start()] + 'l' + line[m.end():]))
    for m in re.finditer(r'(?<=[a-z])l(?=[a-z])', line): opts.append(('letter_l', line[:m.start()] + '1' + line[m.end():]))
    for m in re.finditer(r'(?<=[a-z])-(?=[a-z])', line): opts.append(('hyphen_space', line[:m.start()] + '- ' + line[m.end():]))
    for m in re.finditer(r'\b[a-z]{9,}\b', line):
        k = m.start() + R.randint(4, len(m.group()) - 4); opts.append(('soft_hyphen', line[:k] + '- ' + line[k:]))
    for m in re.finditer(' & ', line): opts.append(('entity', line[:m.start()] + ' &amp; ' + line[m.end():]))
    return R.choice(opts) if opts else None

def main():
    OUT.mkdir(parents=True, exist_ok=True)
    sets = {'zh': corpus(ZH, 220), 'en': corpus(EN, 180), 'mixed': corpus(MIX, 160)}
    for k, lines in sets.items(): (OUT/f'clean_corpus_{k}.txt').write_text('\n'.join(lines) + '\n', encoding='utf-8')
    rows = []
    for lines in sets.values():
        for line in lines:
            r = inject(line)
            if r: rows.append({'kind': r[0], 'noisy': r[1], 'truth': line})
    (OUT/'clean_errors.jsonl').write_text(''.join(json.dumps(r, ensure_ascii=False) + '\n' for r in rows), encoding='utf-8')
    print({k: len(v) for k, v in sets.items()}, len(rows), 'error lines')

if __name__ == '__main__': main()
