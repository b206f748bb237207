# Generates templates/crm/app.json (the CRM definition) from one readable table of fields, states and
# transitions, so per-role, per-state permissions stay consistent. Run: python3 templates/crm/scripts/generate-app.py
# then pnpm biome format --write templates/crm/app.json. The JSON is the source of truth that ships.
import json
def L(zh,en): return {"zh-CN":zh,"en":en}
def opts(vals): return [{"value":v} for v in vals]
def lopts(pairs): return [{"value":v,"label":L(zh,en)} for v,zh,en in pairs]
def F(key,type,zh,en,**kw):
    d={"key":key,"type":type,"label":L(zh,en)}; d.update(kw); return d

sources=['Google','Direct Traffic','Olark Chat','Organic Search','Reference','Welingak Website','Referral Sites','Facebook','Bing','Click2call','Social Media','Live Chat','Press_Release','Blog','Pay per Click Ads','WeLearn','welearnblog_Home','youtubechannel','testone','NC_EDM','Webinar','Event','Web Form']
origins=['Landing Page Submission','API','Lead Add Form','Lead Import','Quick Add Form']
activities=['Email Opened','SMS Sent','Olark Chat Conversation','Page Visited on Website','Converted to Lead','Email Bounced','Email Link Clicked','Form Submitted on Website','Unreachable','Unsubscribed','Had a Phone Conversation','Approached upfront','View in browser link Clicked','Email Received','Email Marked Spam','Visited Booth in Tradeshow','Resubscribed to emails','Modified']
specs=['Finance Management','Human Resource Management','Marketing Management','Operations Management','Business Administration','IT Projects Management','Supply Chain Management','Banking, Investment And Insurance','Media and Advertising','Travel and Tourism','International Business','Healthcare Management','Hospitality Management','E-COMMERCE','Retail Management','Rural and Agribusiness','E-Business','Services Excellence']
heard=['Online Search','Word Of Mouth','Student of SomeSchool','Other','Multiple Sources','Advertisements','Social Media','Email','SMS']
occs=['Unemployed','Working Professional','Student','Other','Housewife','Businessman']
motives=['Better Career Prospects','Flexibility & Convenience','Other']
quality=['High in Relevance','Might be','Not Sure','Low in Relevance','Worst']
profiles=['Potential Lead','Other Leads','Student of SomeSchool','Lateral Student','Dual Specialization Student']
cities=['Mumbai','Thane & Outskirts','Other Cities','Other Cities of Maharashtra','Other Metro Cities','Tier II Cities']
indexes=['01.High','02.Medium','03.Low']
regions=lopts([('Central','中部','Central'),('East','东部','East'),('West','西部','West')])
return_reasons=lopts([('not_a_fit','不匹配','Not a fit'),('no_budget','没有预算','No budget'),('wrong_contact','联系人不对','Wrong contact'),('duplicate','重复线索','Duplicate'),('unreachable','联系不上','Unreachable'),('other','其他','Other')])
grades=lopts([('A','A 级','Grade A'),('B','B 级','Grade B'),('C','C 级','Grade C'),('D','D 级','Grade D')])

def v(k,d=0): return {"var":[k,d]}
def pts(field, table):
    # a lookup: the first matching option's points, else 0
    expr=0
    for val,p in reversed(list(table.items())):
        expr={"if":[{"==":[{"var":field},val]},p,expr]}
    return expr
score={"round":[{"max":[0,{"min":[100,{"+":[
    {"*":[{"min":[v("visits"),10]},1.5]},
    {"min":[{"/":[v("time_on_site"),60]},25]},
    {"min":[v("pages_per_visit"),5]},
    pts("last_activity",{'Had a Phone Conversation':20,'SMS Sent':15,'Email Link Clicked':10,'Form Submitted on Website':10,'Email Opened':8,'Page Visited on Website':5,'Converted to Lead':5,'Olark Chat Conversation':3}),
    pts("occupation",{'Working Professional':20,'Businessman':10,'Unemployed':5,'Other':5,'Housewife':5,'Student':3}),
    pts("quality",{'High in Relevance':20,'Might be':10,'Not Sure':5,'Low in Relevance':2}),
    pts("origin",{'Lead Add Form':15,'Landing Page Submission':5}),
    {"if":[{"==":[{"var":"do_not_email"},True]},-10,0]}
]}]}]},0]}
grade={"if":[{"empty":[{"var":"score"}]},None,
  {">=":[{"var":"score"},60]},"A",{">=":[{"var":"score"},40]},"B",{">=":[{"var":"score"},20]},"C","D"]}

lead_fields=[
 F("name","text","姓名","Name",maxLength=200),
 F("company","text","公司","Company",maxLength=200),
 F("email","email","邮箱","Email"),
 F("phone","phone","电话","Phone"),
 F("lead_number","text","线索编号","Lead number",maxLength=40),
 F("prospect_id","text","外部编号","External id",maxLength=64,help=L("来源系统中的编号，重复导入时据此更新","The id in the system it came from; a re-import updates by it")),
 F("source","select","来源","Source",options=opts(sources)),
 F("origin","select","渠道","Origin",options=opts(origins)),
 F("campaign","text","活动","Campaign",maxLength=200),
 F("country","text","国家","Country",maxLength=100),
 F("city","select","城市","City",options=opts(cities)),
 F("occupation","select","职业","Occupation",options=opts(occs)),
 F("interest","select","感兴趣的方向","Interest",options=opts(specs)),
 F("motive","select","选课最看重","What matters most",options=opts(motives)),
 F("heard_from","select","从何得知","How they heard of us",options=opts(heard)),
 F("tags","text","标签","Tags",maxLength=500),
 F("visits","integer","访问次数","Website visits",min=0),
 F("time_on_site","integer","网站停留(秒)","Time on site (s)",min=0),
 F("pages_per_visit","number","每次访问页数","Pages per visit",min=0,decimals=2),
 F("last_activity","select","最近活动","Last activity",options=opts(activities)),
 F("last_notable_activity","select","最近重要活动","Last notable activity",options=opts(activities)),
 F("do_not_email","boolean","勿发邮件","Do not email"),
 F("do_not_call","boolean","勿致电","Do not call"),
 F("consent","boolean","同意接收资讯","Consents to updates"),
 F("free_copy","boolean","索取赠书","Asked for the free book"),
 F("quality","select","线索质量","Lead quality",options=opts(quality)),
 F("profile","select","线索画像","Lead profile",options=opts(profiles)),
 F("activity_index","select","活跃度指数","Activity index",options=opts(indexes)),
 F("profile_index","select","画像指数","Profile index",options=opts(indexes)),
 F("activity_score","integer","活跃度分","Activity score",min=0),
 F("profile_score","integer","画像分","Profile score",min=0),
 F("budget_range","select","预算范围","Budget range",options=lopts([('<10k','1 万以下','Under 10k'),('10-50k','1-5 万','10-50k'),('50-100k','5-10 万','50-100k'),('>100k','10 万以上','Over 100k')])),
 F("expected_amount","money","预计金额","Expected amount",currency="USD",min=0),
 F("note","textarea","备注","Note",maxLength=4000),
 F("score","formula","评分","Score",expression=score,help=L("由访问、停留时长、页数、最近活动和画像计算，0-100","From visits, time on site, pages per visit, last activity and profile, 0-100")),
 F("grade","formula","等级","Grade",expression=grade,help=L("A ≥ 60，B ≥ 40，C ≥ 20，其余为 D","A at 60 or more, B at 40, C at 20, else D")),
 F("region","select","区域","Region",options=regions),
 F("sales_rep","user","销售负责人","Sales rep"),
 F("qualify_note","textarea","合格说明","Why qualified",maxLength=2000,help=L("不是 A/B 级时必须说明理由","Required to qualify a lead below grade B")),
 F("return_reason","select","退回原因","Return reason",options=return_reasons),
 F("return_note","textarea","退回说明","Return note",maxLength=2000,requiredWhen={"==":[{"var":"return_reason"},"other"]}),
 F("disqualify_reason","select","无效原因","Disqualify reason",options=lopts([('not_interested','没有兴趣','Not interested'),('not_eligible','不符合条件','Not eligible'),('lost_to_competitor','输给竞争对手','Lost to a competitor'),('invalid_contact','联系方式无效','Invalid contact details'),('other','其他','Other')])),
 F("escalations","integer","超时升级次数","SLA escalations",min=0,readOnly=True),
 F("qualified_at","datetime","合格时间","Qualified at",readOnly=True),
 F("handed_off_at","datetime","移交时间","Handed off at",readOnly=True),
 F("accepted_at","datetime","接受时间","Accepted at",readOnly=True),
 F("returned_at","datetime","退回时间","Returned at",readOnly=True),
 F("converted_at","datetime","转化时间","Converted at",readOnly=True),
 F("converted_account","relation","转化客户","Converted account",target="account",display="name",readOnly=True),
 F("converted_contact","relation","转化联系人","Converted contact",target="contact",display="name",readOnly=True),
 F("converted_opportunity","relation","转化商机","Converted opportunity",target="opportunity",display="name",readOnly=True),
]
lead_layout=[
 {"section":L("联系信息","Contact"),"columns":2,"fields":["name","company","email","phone","lead_number","prospect_id","country","city","occupation"]},
 {"section":L("来源","Acquisition"),"columns":2,"fields":["source","origin","campaign","heard_from","interest","motive","tags"]},
 {"section":L("互动","Engagement"),"columns":3,"fields":["visits","time_on_site","pages_per_visit","last_activity","last_notable_activity","activity_index","activity_score","profile_index","profile_score"]},
 {"section":L("偏好","Preferences"),"columns":3,"fields":["do_not_email","do_not_call","consent","free_copy"]},
 {"section":L("评估","Qualification"),"columns":2,"fields":["quality","profile","score","grade","budget_range","expected_amount","region","sales_rep","qualify_note","note"]},
 {"section":L("移交","Handoff"),"columns":2,"fields":["return_reason","return_note","disqualify_reason","escalations","qualified_at","handed_off_at","accepted_at","returned_at","converted_at","converted_account","converted_contact","converted_opportunity"]},
]
lead_public=["name","company","email","phone","country","city","occupation","source","campaign","heard_from","interest","motive","do_not_email","do_not_call","consent","free_copy"]
ops_edit=["name","company","email","phone","source","origin","campaign","country","city","occupation","interest","motive","heard_from","tags","visits","time_on_site","pages_per_visit","last_activity","last_notable_activity","do_not_email","do_not_call","consent","free_copy","quality","profile","budget_range","expected_amount","note","region","qualify_note"]
sales_edit=["name","company","email","phone","budget_range","expected_amount","note"]
def perms(ops, sales, mgr=None, extra=None):
    out={}
    for f in ops_edit: out[f]={"operations":ops,"sales":sales if f in sales_edit else ("read" if sales!="hidden" else "hidden"),"sales_manager":(mgr or sales) if f in sales_edit else "read","admin":"edit","*":"read"}
    out["prospect_id"]="read"
    if extra: out.update(extra)
    return out
lead_states=[
 # a rep who meets someone may enter the lead: in `new` sales fill its contact fields (their own leads, by row scope)
 # a new lead was never returned or disqualified: those reasons are read-only there, not filled in a
 # new lead's form (a transition's own required fields are asked for in its dialog whatever the state
 # allows); read, not hidden: reports over them (return reasons) stay open to everyone who reads leads
 {"key":"new","label":L("新线索","New"),"fields":perms("edit","edit",extra={k:"read" for k in ("return_reason","return_note","disqualify_reason")})},
 # back with operations as a team (a queue): a lead sales returned leaves the rep's inbox and list
 {"key":"nurturing","label":L("培育中","Nurturing"),"assignee":{"role":"operations"},"fields":perms("edit","read",extra={"return_reason":"read","return_note":"read"})},
 {"key":"qualified","label":L("已合格 (MQL)","Qualified (MQL)"),"fields":perms("edit","read")},
 {"key":"handed_off","label":L("已移交销售","Handed off"),"assignee":{"roundRobin":{"role":"sales","where":{"region":{"var":"region"}},"fallback":"role"}},"assigneeField":"sales_rep","fields":perms("read","edit",extra={"region":{"operations":"read","sales":"read","sales_manager":"edit","admin":"edit","*":"read"},"sales_rep":{"sales_manager":"edit","admin":"edit","*":"read"}})},
 {"key":"accepted","label":L("销售已接受 (SAL)","Accepted (SAL)"),"fields":perms("read","edit")},
 {"key":"converted","label":L("已转化","Converted"),"final":True,"fields":perms("read","read")},
 {"key":"disqualified","label":L("无效","Disqualified"),"final":True,"fields":perms("read","read")},
]
now={"now":[]}
lead_transitions=[
 {"key":"nurture","label":L("开始培育","Start nurturing"),"from":["new"],"to":"nurturing","roles":["operations","admin"],"style":"default"},
 {"key":"qualify","label":L("判定合格","Qualify"),"from":["new","nurturing"],"to":"qualified","roles":["operations","admin"],
  "guard":{"or":[{"in":[{"var":"grade"},["A","B"]]},{"!":[{"empty":[{"var":"qualify_note"}]}]}]},
  "guardMessage":L("只有 A/B 级线索可直接判定合格；其他线索请在“合格说明”中写明理由","Only grade A/B leads qualify as they are; for any other lead, say why in \u201cWhy qualified\u201d"),
  "actions":[{"type":"set","field":"qualified_at","value":now}]},
 {"key":"hand_off","label":L("移交销售","Hand off to sales"),"from":["qualified"],"to":"handed_off","roles":["operations","admin"],
  "actions":[{"type":"set","field":"handed_off_at","value":now}]},
 {"key":"escalate","label":L("超时改派","Escalate (SLA breached)"),"from":["handed_off"],"to":"handed_off","roles":[],
  "actions":[{"type":"set","field":"escalations","value":{"+":[{"var":["escalations",0]},1]}},
             {"type":"notify","to":{"role":"sales_manager"},"message":L("线索 {lead_number} {name} 24 小时内未被接受，已改派给下一位销售","Lead {lead_number} {name} was not accepted within 24h and went to the next rep")}]},
 {"key":"accept","label":L("接受","Accept"),"from":["handed_off"],"to":"accepted","roles":["sales","sales_manager"],"assigneeOnly":True,
  "actions":[{"type":"set","field":"accepted_at","value":now}]},
 {"key":"return","label":L("退回运营","Return to operations"),"from":["handed_off","accepted"],"to":"nurturing","roles":["sales","sales_manager"],"style":"default",
  "requires":["return_reason","return_note"],
  "actions":[{"type":"set","field":"returned_at","value":now},{"type":"notify","to":{"role":"operations"},"message":L("销售退回了线索 {lead_number} {name}：{return_reason}——{return_note}","Sales returned lead {lead_number} {name}: {return_reason} — {return_note}")}]},
 {"key":"convert","label":L("转化","Convert"),"from":["accepted"],"to":"converted","roles":["sales","sales_manager"],
  "requires":["company"],
  "actions":[
   {"type":"create","form":"account","match":["name"],"map":{"name":{"var":"company"},"location":{"var":"country"}},"link":"converted_account"},
   {"type":"create","form":"contact","match":["email"],"map":{"name":{"if":[{"empty":[{"var":"name"}]},{"cat":["Lead ",{"var":"lead_number"}]},{"var":"name"}]},"email":{"var":"email"},"phone":{"var":"phone"},"budget_range":{"var":"budget_range"},"account":{"var":"converted_account"},"lead":{"var":"$id"}},"link":"converted_contact"},
   {"type":"create","form":"opportunity","map":{"name":{"cat":[{"var":"company"}," - ",{"if":[{"empty":[{"var":"name"}]},{"var":"lead_number"},{"var":"name"}]}]},"account":{"var":"converted_account"},"contact":{"var":"converted_contact"},"source":{"var":"source"},"amount":{"var":"expected_amount"},"sales_rep":{"var":"sales_rep"},"lead":{"var":"$id"}},"link":"converted_opportunity"},
   {"type":"set","field":"converted_at","value":now}]},
 {"key":"disqualify","label":L("判定无效","Disqualify"),"from":["new","nurturing","qualified","accepted"],"to":"disqualified","roles":["operations","sales","sales_manager","admin"],"style":"danger","requires":["disqualify_reason"]},
]
for st in lead_states:
    if st["key"] in ("handed_off","accepted"):
        st["fields"]["return_reason"]={"sales":"edit","sales_manager":"edit","admin":"edit","*":"read"}
        st["fields"]["return_note"]={"sales":"edit","sales_manager":"edit","admin":"edit","*":"read"}
        st["fields"]["company"]={"sales":"edit","sales_manager":"edit","admin":"edit","*":"read"}
for t in lead_transitions:
    if t["key"]=="return": t["requires"]=["return_reason"]
    if t["key"]=="convert":
        for a in t["actions"]:
            if a["type"]=="create" and a["form"] in("contact","opportunity"):
                a["map"].pop("lead",None); a["backLink"]="lead"

OPEN_DEAL={"in":[{"var":"state"},["prospecting","engaging","proposal","negotiation"]]}
sectors=['technology','medical','retail','software','finance','marketing','entertainment','telecommunications','services','employment']
account_fields=[
 F("name","text","客户名称","Account name",required=True,unique=True,maxLength=200),
 F("sector","select","行业","Sector",options=opts(sectors)),
 F("year_established","integer","成立年份","Year established",min=1800,max=2100),
 F("revenue","number","年收入(百万美元)","Annual revenue (USD millions)",min=0,decimals=2),
 F("employees","integer","员工数","Employees",min=0),
 F("location","text","总部所在地","Headquarters",maxLength=200),
 F("parent_account","relation","母公司","Parent account",target="account",display="name"),
 F("account_manager","user","客户经理","Account manager"),
 # rollups over the account's opportunities still open (not won, lost or archived), computed when read
 F("open_pipeline","rollup","在途商机金额","Open pipeline value",form="opportunity",relation="account",op="sum",field="amount",where=OPEN_DEAL,
   help=L("未结束商机的金额合计","The amounts of its opportunities not yet won or lost")),
 F("open_opportunities","rollup","在途商机数","Open opportunities",form="opportunity",relation="account",op="count",where=OPEN_DEAL),
]
contact_fields=[
 F("name","text","姓名","Name",required=True,maxLength=200),
 F("account","relation","所属客户","Account",target="account",display="name"),
 F("account_sector","lookup","客户行业","Account sector",relation="account",field="sector"),
 F("email","email","邮箱","Email"),
 F("phone","phone","电话","Phone"),
 F("title","text","职位","Title",maxLength=200),
 F("budget_range","select","预算范围","Budget range",options=next(f for f in lead_fields if f["key"]=="budget_range")["options"]),
 F("contact_owner","user","负责人","Owner"),
 F("lead","relation","来源线索","Lead",target="lead",display="lead_number",help=L("由线索转化时自动填写","Filled in when a lead is converted")),
]

lost_reasons=lopts([('price','价格','Price'),('competitor','竞争对手','Lost to a competitor'),('no_decision','未决策','No decision'),('no_budget','没有预算','No budget'),('timing','时机不对','Timing'),('other','其他','Other')])
opp_fields=[
 F("name","text","商机名称","Opportunity name",maxLength=300),
 F("external_id","text","外部编号","External id",maxLength=40),
 F("account","relation","客户","Account",target="account",display="name"),
 F("contact","relation","联系人","Primary contact",target="contact",display="name"),
 # choosing a product fills the amount with its list price; the rep may still negotiate it
 F("product","relation","产品","Product",target="product",display="name",fill={"amount":"list_price"}),
 F("list_price","lookup","产品标价","Product list price",relation="product",field="list_price"),
 F("sales_rep","user","销售","Sales rep"),
 F("source","select","线索来源","Lead source",options=opts(sources)),
 F("amount","money","金额","Amount",currency="USD",min=0),
 F("engage_date","date","开始接洽","Engaged on"),
 F("expected_close_date","date","预计成交日期","Expected close date"),
 F("probability","percent","赢单概率","Probability",min=0,max=100),
 F("close_value","money","成交金额","Close value",currency="USD",min=0),
 F("close_date","date","结束日期","Close date"),
 F("lost_reason","select","输单原因","Lost reason",options=lost_reasons),
 F("lost_note","textarea","输单说明","Lost note",maxLength=2000),
 F("lead","relation","来源线索","Lead",target="lead",display="lead_number",help=L("由线索转化时自动填写","Filled in when a lead is converted")),
]
product_fields=[
 F("name","text","产品名称","Product name",required=True,unique=True,maxLength=200),
 F("series","select","系列","Series",options=opts(['GTX','MG','GTK'])),
 F("list_price","money","标价","List price",currency="USD",min=0),
]
activity_fields=[
 F("type","select","类型","Type",required=True,options=lopts([('call','电话','Call'),('email','邮件','Email'),('meeting','会议','Meeting'),('visit','拜访','Visit')])),
 F("subject","text","主题","Subject",required=True,maxLength=300),
 F("due","datetime","截止时间","Due"),
 F("done","boolean","已完成","Done"),
 F("outcome","textarea","结果","Outcome",maxLength=4000),
 F("lead","relation","线索","Lead",target="lead",display="lead_number"),
 F("opportunity","relation","商机","Opportunity",target="opportunity",display="name"),
 F("assigned_to","user","负责人","Assigned to"),
]
all_r={"create":True,"read":"all","edit":"all","delete":"all","import":True,"export":True}
forms=[
 # the web form asks a visitor who they are, how they found us and what they want, nothing more:
 # grading (quality, profile, indexes), engagement counts, origin (a score input), region and notes are operations'
 {"key":"lead","title":L("线索","Lead"),"public":True,"publicFields":lead_public,"fields":lead_fields,"layout":lead_layout,
  # an empty lead is no lead: it needs some way to find or reach the person
  "rules":[{"key":"identifiable","field":"name",
    "check":{"or":[{"!":{"empty":[{"var":k}]}} for k in ("name","email","phone","lead_number","prospect_id")]},
    "message":L("请至少填写姓名、电子邮箱、电话或线索编号之一。","Enter at least a name, an e-mail, a phone number or a lead number.")}],
  "permissions":{
   "operations":{"create":True,"read":"all","edit":"all","delete":"none","import":True,"export":True},
   "sales":{"create":True,"read":"own","edit":"own","delete":"none","import":False,"export":False},
   "sales_manager":{"create":True,"read":"team","edit":"team","delete":"none","import":False,"export":True},
   "admin":all_r}},
 {"key":"account","title":L("客户","Account"),"fields":account_fields,"permissions":{
   "operations":{"create":False,"read":"all","edit":"none","import":False,"export":False},
   "sales":{"create":True,"read":"all","edit":"own","delete":"none","export":False},
   "sales_manager":{"create":True,"read":"all","edit":"all","delete":"none","export":True},
   "admin":all_r}},
 {"key":"contact","title":L("联系人","Contact"),"fields":contact_fields,"permissions":{
   "operations":{"create":False,"read":"all","edit":"none"},
   "sales":{"create":True,"read":"all","edit":"own","delete":"none"},
   "sales_manager":{"create":True,"read":"all","edit":"all","delete":"none","export":True},
   "admin":all_r}},
 {"key":"opportunity","title":L("商机","Opportunity"),"fields":opp_fields,"permissions":{
   "operations":{"create":False,"read":"all","edit":"none"},
   "sales":{"create":True,"read":"all","edit":"own","delete":"none"},
   "sales_manager":{"create":True,"read":"all","edit":"all","delete":"none","export":True},
   "admin":all_r},
  # a deal cannot close before it was engaged (either date may still be empty)
  "rules":[{"key":"closes_after_engaging","field":"close_date",
    "check":{"or":[{"!":{"var":"close_date"}},{"!":{"var":"engage_date"}},{">=":[{"var":"close_date"},{"var":"engage_date"}]}]},
    "message":L("结单日期不能早于开始接洽的日期。","The close date cannot be before the date the deal was engaged.")}]},
 {"key":"product","title":L("产品","Product"),"fields":product_fields,"permissions":{
   "*":{"create":False,"read":"all","edit":"none","delete":"none"},"admin":all_r}},
 {"key":"activity","title":L("活动","Activity"),"fields":activity_fields,"permissions":{
   "operations":{"create":True,"read":"all","edit":"own","delete":"own"},
   "sales":{"create":True,"read":"own","edit":"own","delete":"own"},
   "sales_manager":{"create":True,"read":"team","edit":"team","delete":"none","export":True},
   "admin":all_r}},
]
def oppperm(extra):
    base={"close_value":"read","close_date":"read","lost_reason":"read","lost_note":"read"}
    out={}
    for f in ["name","account","contact","product","amount","expected_close_date","probability","sales_rep","source","engage_date"]:
        out[f]={"sales":"edit","sales_manager":"edit","admin":"edit","*":"read"}
    out["sales_rep"]={"sales_manager":"edit","admin":"edit","*":"read"}
    out["external_id"]="read"
    out["lead"]="read"
    out.update(base); out.update(extra); return out
def closed(): 
    o=oppperm({}); 
    for f in list(o): o[f]="read"
    return o
opp_states=[
 {"key":"prospecting","label":L("挖掘","Prospecting"),"fields":oppperm({})},
 {"key":"engaging","label":L("接洽","Engaging"),"fields":oppperm({})},
 {"key":"proposal","label":L("方案","Proposal"),"fields":oppperm({})},
 {"key":"negotiation","label":L("谈判","Negotiation"),"fields":oppperm({})},
 {"key":"won","label":L("赢单","Won"),"fields":closed()},
 {"key":"lost","label":L("输单","Lost"),"fields":closed()},
 {"key":"archived","label":L("已归档","Archived"),"final":True,"fields":closed()},
]
S=["sales","sales_manager","admin"]
opp_transitions=[
 {"key":"engage","label":L("开始接洽","Engage"),"from":["prospecting"],"to":"engaging","roles":S,"actions":[{"type":"set","field":"engage_date","value":{"today":[]}}]},
 {"key":"propose","label":L("提交方案","Send proposal"),"from":["engaging"],"to":"proposal","roles":S},
 {"key":"negotiate","label":L("进入谈判","Negotiate"),"from":["proposal"],"to":"negotiation","roles":S},
 {"key":"win","label":L("赢单","Mark won"),"from":["engaging","proposal","negotiation"],"to":"won","roles":S,"requires":["close_value","close_date"]},
 {"key":"lose","label":L("输单","Mark lost"),"from":["prospecting","engaging","proposal","negotiation"],"to":"lost","roles":S,"style":"danger","requires":["lost_reason","close_date"]},
 {"key":"reopen","label":L("重新打开","Reopen"),"from":["won","lost"],"to":"negotiation","roles":["sales_manager","admin"]},
 {"key":"archive","label":L("归档","Archive"),"from":["won","lost"],"to":"archived","roles":["sales_manager","admin"],"style":"default"},
]
workflows=[
 {"key":"lead_flow","label":L("线索流程","Lead process"),"form":"lead","initial":"new","states":lead_states,"transitions":lead_transitions,
  "timers":[{"state":"handed_off","after":"PT24H","fire":"escalate"}]},
 {"key":"opportunity_flow","label":L("商机流程","Opportunity process"),"form":"opportunity","initial":"prospecting","states":opp_states,"transitions":opp_transitions},
]
views=[
 {"key":"leads_all","title":L("全部线索","All leads"),"form":"lead","type":"table","columns":["lead_number","name","source","origin","city","score","grade","region","sales_rep"],"sort":"-score"},
 {"key":"leads_to_qualify","title":L("待判定","To qualify"),"form":"lead","type":"table","columns":["lead_number","source","score","grade","last_activity"],"filter":{"state":{"in":["new","nurturing"]}},"sort":"-score"},
 {"key":"leads_returned","title":L("销售退回","Returned by sales"),"form":"lead","type":"table","columns":["lead_number","source","return_reason","return_note","returned_at"],"filter":{"return_reason":{"notEmpty":True},"state":{"eq":"nurturing"}},"sort":"-returned_at"},
 {"key":"my_handoffs","title":L("待我接受","Waiting for me"),"form":"lead","type":"table","columns":["lead_number","company","grade","region","handed_off_at","escalations"],"filter":{"state":{"eq":"handed_off"}},"sort":"handed_off_at"},
 {"key":"lead_board","title":L("线索看板","Lead board"),"form":"lead","type":"kanban","groupBy":"state","columns":["lead_number","grade","source"]},
 {"key":"pipeline_board","title":L("商机看板","Pipeline board"),"form":"opportunity","type":"kanban","groupBy":"state","columns":["name","account","amount","sales_rep"]},
 {"key":"opportunities_all","title":L("全部商机","All opportunities"),"form":"opportunity","type":"table","columns":["external_id","name","account","product","list_price","sales_rep","amount","close_value","close_date"],"sort":"-close_date"},
 {"key":"accounts_all","title":L("客户","Accounts"),"form":"account","type":"table","columns":["name","sector","open_opportunities","open_pipeline","revenue","employees","location"],"sort":"name"},
 {"key":"activities_due","title":L("待办活动","Activities due"),"form":"activity","type":"calendar","columns":["subject","type","due","assigned_to"],"filter":{"done":{"ne":True}},"sort":"due"},
]
# the funnel's stages, the SLA and the weekly series are declared here; the server's reports know no CRM names
funnel_stages=[
 {"key":"lead","label":L("线索","Leads")},
 {"key":"mql","label":L("市场认可线索 (MQL)","MQL"),"states":["qualified","handed_off"]},
 {"key":"sal","label":L("销售接受线索 (SAL)","SAL"),"states":["accepted"]},
 {"key":"opportunity","label":L("商机","Opportunity"),"states":["converted"]},
 {"key":"won","label":L("赢单","Won"),"linked":{"field":"converted_opportunity","states":["won"]}},
]
def funnel(key,zh,en,type,group=None):
    w={"key":key,"title":L(zh,en),"type":type,"form":"lead","report":"funnel","stages":funnel_stages}
    if group: w["groupBy"]=group
    return w
BY_REP_REGION={"region":{"field":"sales_rep","memberAttribute":"region"}}
dashboards=[
 {"key":"handoff","title":L("运营-销售移交","Operations to sales handoff"),"widgets":[
  funnel("funnel","漏斗: 线索 → MQL → SAL → 商机 → 赢单","Funnel: lead → MQL → SAL → opportunity → won","funnel"),
  funnel("funnel_by_source","按来源的漏斗","Funnel by source","table","source"),
  funnel("funnel_by_region","按区域的漏斗","Funnel by region","table","region"),
  {"key":"handoff_sla","title":L("移交 SLA: 接受用时中位数、超时比例","Handoff SLA: median time to accept, share breached"),"type":"number","form":"lead","report":"sla","sla":{"state":"handed_off","timer":"escalate","goal":"accepted"}},
  {"key":"return_reasons","title":L("退回原因","Return reasons"),"type":"pie","form":"lead","report":"transitions","transition":"return","groupBy":"return_reason"},
  {"key":"leads_per_week","title":L("每周各来源线索数","Leads per source per week"),"type":"line","form":"lead","report":"time_series","time":{"bucket":"week"},"groupBy":"source"}]},
 {"key":"sales","title":L("销售业绩","Sales performance"),"widgets":[
  # opportunities carry no region of their own: the dashboard's region is the rep's (as won_by_region groups)
  {"key":"pipeline_by_stage","title":L("各阶段商机金额","Pipeline value by stage"),"type":"bar","form":"opportunity","groupBy":"state","measure":{"op":"sum","field":"amount"},"filter":{"state":{"in":["prospecting","engaging","proposal","negotiation"]}},"filterBy":BY_REP_REGION},
  # won revenue falls in the month it was won, not the month the deal was entered
  {"key":"won_by_rep","title":L("各销售赢单收入","Won revenue by rep"),"type":"bar","form":"opportunity","groupBy":"sales_rep","measure":{"op":"sum","field":"close_value"},"filter":{"state":{"eq":"won"}},"dateField":"close_date","filterBy":BY_REP_REGION},
  {"key":"won_by_region","title":L("各区域赢单收入","Won revenue by region"),"type":"bar","form":"opportunity","groupBy":"sales_rep","memberAttribute":"region","measure":{"op":"sum","field":"close_value"},"filter":{"state":{"eq":"won"}},"dateField":"close_date","filterBy":BY_REP_REGION},
  {"key":"won_total","title":L("赢单总收入","Won revenue"),"type":"number","form":"opportunity","measure":{"op":"sum","field":"close_value"},"filter":{"state":{"eq":"won"}},"dateField":"close_date","filterBy":BY_REP_REGION}]},
]
app={"key":"crm","name":L("客户管理","CRM"),"description":L("运营获取、培育并判定线索，按区域轮流移交销售；销售接受、退回或转化为客户、联系人和商机，推进到赢单或输单。","Operations acquire, nurture and qualify leads and hand them to sales by region in turn; sales accept, return or convert them into accounts, contacts and opportunities and work those to won or lost."),
 "timeZone":"Asia/Shanghai",
 "roles":[{"key":"operations","label":L("运营","Operations")},{"key":"sales","label":L("销售","Sales")},{"key":"sales_manager","label":L("销售经理","Sales manager")},{"key":"admin","label":L("管理员","Admin")}],
 "forms":forms,"workflows":workflows,"views":views,"dashboards":dashboards,
 "duplicates":[{"form":"lead","field":"email","action":"flag"}]}
# the weekly review to operations (issue 9): in the bell and by e-mail, the same figures in both
weekly_summary={"period":"P7D","figures":[
 {"key":"new_leads","label":L("新线索","New leads"),"form":"lead","groupBy":"source"},
 {"key":"mql","label":L("MQL（已认定）","MQLs (qualified)"),"form":"lead","transition":"qualify"},
 {"key":"mql_rate","label":L("MQL 转化率","MQL rate"),"ratio":["mql","new_leads"]},
 {"key":"returns","label":L("销售退回","Returned by sales"),"form":"lead","transition":"return","groupBy":"return_reason"},
 {"key":"sla_breaches","label":L("SLA 超时（24 小时未接收）","SLA breaches (not accepted in 24h)"),"form":"lead","transition":"escalate"}]}
weekly_message=L("上周线索复盘：新线索（按来源）、MQL 转化率、退回及原因、SLA 超时","Last week's lead review: new leads per source, MQL rate, returns with reasons, SLA breaches")
weekly_review={"key":"weekly_review","label":L("每周线索复盘","Weekly lead review"),"trigger":{"on":"schedule","cron":"0 9 * * 1"},
 "actions":[{"type":"notify","to":{"role":"operations"},"message":weekly_message,"summary":weekly_summary},
  {"type":"notify","channel":"email","to":{"role":"operations"},"message":weekly_message,"summary":weekly_summary}]}
generated_automations=[weekly_review]

import os
target=os.path.join(os.path.dirname(__file__),'..','app.json')
# parts written by hand in app.json (the other automations) are kept: this script owns only what it
# generates; an automation it generates replaces the one of the same key, in its place
if os.path.exists(target):
    for k,v in json.load(open(target)).items():
        if k=='automations':
            mine={a['key']:a for a in generated_automations}
            kept=[mine.get(a['key'],a) for a in v]
            app['automations']=kept+[a for a in generated_automations if a['key'] not in {x['key'] for x in v}]
        elif k not in app: app[k]=v
if 'automations' not in app: app['automations']=generated_automations
json.dump(app,open(target,'w'),ensure_ascii=False,indent=2)
print(len(json.dumps(app)))
