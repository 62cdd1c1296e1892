/*
** Ingest: attendance read clause by clause (issue 19).
**
** Each party named in a clause takes the status of the attendance
** predicate nearest to it in its own clause: present ("took part",
** "attended by", "приняли участие"), absent ("did not attend", "не принял
** участия", "за исключением") or represented ("represented by",
** "представляет", "в лице"); a negation reaches no further than its clause,
** so "... took part; Armenia did not attend" makes only Armenia absent. The
** role named with the party in its list item ("Deputy Foreign Minister",
** "вице-премьер", "посол"), or carried from the head of a list ("deputy
** foreign ministers of A, B and C"), is weighed against the body's level:
** a deputy, an ambassador, or a minister at a heads-of-state council
** represents its state; a head of government "represented" at a
** heads-of-government council is present. A list of leaders with their
** roles and names and no verb ("The Prime Minister of Armenia NAME, the
** President of Belarus NAME, ...") is present, less surely.
**
** Every pattern is found once with strstr over the text, and each party
** mention looks its clause, item, predicate and role up by binary search in
** those sorted lists: linear in the text, whatever it holds.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_internal.h"

/* PK_HOST: one who welcomes the participants ("NAME welcomed the
** participants", «встретил участников»): present when his role fits the
** body's level (the host prime minister at a heads-of-government council),
** not otherwise (the host president meeting a ministers' council) */
/* PK_REPR_PREP: the parties right after it are represented by another
** («вместо лидеров Казахстана и Таджикистана приедут премьер-министры»,
** "instead of President NAME of Kazakhstan, its prime minister") */
/* PK_GREET: one who meets the arriving leaders («Их встретил президент
** Кыргызстана NAME», «глав правительств встречал заместитель председателя
** кабинета министров КР»): the host, present whatever his rank (a deputy
** at the airport is not his country's representative at the session), and
** so are the ones he meets */
/* PK_PRESENT_LIST: as PK_PRESENT_PREP, for the parties of the list right
** after it only («Лидеры России, Казахстана и Белоруссии») */
/* PK_SAID: one who said something at the meeting ("NAME said at the
** meeting that ...", «заявил на заседании, что ...»): present, the party
** before it only (the speaker), not one in what he said after it */
enum {
  PK_PRESENT,
  PK_ABSENT,
  PK_REPR,
  PK_ABSENT_PREP,
  PK_PRESENT_PREP,
  PK_HOST,
  PK_REPR_PREP,
  PK_PRESENT_LIST,
  PK_GREET,
  PK_SAID
};
/* Role ranks, in the order a merged role takes the least. */
enum { RK_LOWER, RK_HEAD_GOV, RK_HEAD_STATE, RK_MINISTER, RK_ANY };

typedef struct Pat {
  const char *z; /* folded */
  int kind;
} Pat;

static const Pat aPred[] = {
    /* absent */
    {"did not attend", PK_ABSENT},
    {"does not attend", PK_ABSENT},
    {"will not attend", PK_ABSENT},
    {"would not attend", PK_ABSENT},
    {"not attend", PK_ABSENT},
    {"not take part", PK_ABSENT},
    {"not taking part", PK_ABSENT},
    {"not participate", PK_ABSENT},
    {"not to participate", PK_ABSENT},
    {"not to attend", PK_ABSENT},
    {"refused to take part", PK_ABSENT},
    {"refused to attend", PK_ABSENT},
    {"declined to take part", PK_ABSENT},
    {"declined to attend", PK_ABSENT},
    {"decided to skip", PK_ABSENT},
    {"decision to skip", PK_ABSENT},
    {"skipped", PK_ABSENT},
    {"will skip", PK_ABSENT},
    {"skips the", PK_ABSENT},
    {"skipping the", PK_ABSENT},
    {"missed the summit", PK_ABSENT},
    {"missed the meeting", PK_ABSENT},
    {"missed the session", PK_ABSENT},
    {"stayed away", PK_ABSENT},
    {"stays away", PK_ABSENT},
    {"stay away", PK_ABSENT},
    {"not present", PK_ABSENT},
    {"did not come", PK_ABSENT},
    {"didn't attend", PK_ABSENT},
    {"didn’t attend", PK_ABSENT},
    {"won't attend", PK_ABSENT},
    {"won’t attend", PK_ABSENT},
    {"wouldn't attend", PK_ABSENT},
    {"wouldn’t attend", PK_ABSENT},
    {"didn't take part", PK_ABSENT},
    {"didn’t take part", PK_ABSENT},
    {"won't take part", PK_ABSENT},
    {"won’t take part", PK_ABSENT},
    {"didn't participate", PK_ABSENT},
    {"didn’t participate", PK_ABSENT},
    {"won't participate", PK_ABSENT},
    {"won’t participate", PK_ABSENT},
    {"did not show up", PK_ABSENT},
    {"not taken part", PK_ABSENT},
    {"declined to participate", PK_ABSENT},
    {"refused to participate", PK_ABSENT},
    {"не будет принимать участи", PK_ABSENT},
    {"не будут принимать участи", PK_ABSENT},
    {"не планирует участвовать", PK_ABSENT},
    {"не собирается участвовать", PK_ABSENT},
    {"absent from", PK_ABSENT},
    {"opted out", PK_ABSENT},
    {"declined the invitation", PK_ABSENT},
    {"declined an invitation", PK_ABSENT},
    {"ignored the summit", PK_ABSENT},
    {"ignored the invitation", PK_ABSENT},
    {"ignored an invitation", PK_ABSENT},
    /* «проигнорировал», «проигнорирует», «проигнорируют» */
    {"проигнорир", PK_ABSENT},
    {"бойкотир", PK_ABSENT},
    {"не смог", PK_ABSENT},
    {"не сможет", PK_ABSENT},
    {"не смогут", PK_ABSENT},
    {"отказался участвовать", PK_ABSENT},
    {"отказалась участвовать", PK_ABSENT},
    {"отказались участвовать", PK_ABSENT},
    {"участвовать не буд", PK_ABSENT},
    {"участия не прин", PK_ABSENT},
    {"участия не прим", PK_ABSENT},
    {"не принимал участи", PK_ABSENT},
    {"не принимала участи", PK_ABSENT},
    {"не принимали участи", PK_ABSENT},
    {"пропустил", PK_ABSENT},
    {"пропустит", PK_ABSENT},
    {"пропускает", PK_ABSENT},
    {"boycott", PK_ABSENT},
    {"was absent", PK_ABSENT},
    /* "Armenia was the sole absentee from the gathering" */
    {"was the sole absentee", PK_ABSENT},
    {"was the only absentee", PK_ABSENT},
    {"was the absentee", PK_ABSENT},
    {"were absent", PK_ABSENT},
    {"is absent", PK_ABSENT},
    {"'s absence", PK_ABSENT},
    {"’s absence", PK_ABSENT},
    {"не принял участи", PK_ABSENT},
    {"не приняла участи", PK_ABSENT},
    {"не приняли участи", PK_ABSENT},
    {"не примет участи", PK_ABSENT},
    {"не примут участи", PK_ABSENT},
    {"не принимает участи", PK_ABSENT},
    {"не принимают участи", PK_ABSENT},
    {"не участв", PK_ABSENT},
    {"не будет участвовать", PK_ABSENT},
    /* «Президента Молдовы на заседании не было» */
    {"не было", PK_ABSENT},
    {"не будут участвовать", PK_ABSENT},
    {"не прибыл", PK_ABSENT},
    {"не приедет", PK_ABSENT},
    {"не приехал", PK_ABSENT},
    {"отсутствовал", PK_ABSENT},
    {"отсутствует", PK_ABSENT},
    {"отсутствуют", PK_ABSENT},
    {"не смог приехать", PK_ABSENT},
    {"не поедет", PK_ABSENT},
    {"не поедут", PK_ABSENT},
    {"не приедут", PK_ABSENT},
    /* «Отсутствовать будут Президенты Молдавии и Узбекистана» */
    {"отсутствовать", PK_ABSENT},
    /* "the Defense Minister's failure to attend the meeting" */
    {"failure to attend", PK_ABSENT},
    {"failed to attend", PK_ABSENT},
    {"fails to attend", PK_ABSENT},
    {"did not send", PK_ABSENT},
    /* "Absent were the presidents of Ukraine and Moldova", "Missing from
    ** the summit were ...", "Ukraine sent no delegation" */
    {"absent were", PK_ABSENT},
    {"absent are", PK_ABSENT},
    {"missing from", PK_ABSENT},
    {"sent no ", PK_ABSENT},
    {"не направил", PK_ABSENT},
    {"не прислал", PK_ABSENT},
    {"не поехал", PK_ABSENT},
    {"не поехала", PK_ABSENT},
    {"will not go to", PK_ABSENT},
    {"will not travel to", PK_ABSENT},
    {"не смогла приехать", PK_ABSENT},
    {"не смогли приехать", PK_ABSENT},
    {"не сможет приехать", PK_ABSENT},
    {"could not attend", PK_ABSENT},
    {"could not come", PK_ABSENT},
    {"unable to attend", PK_ABSENT},
    {"отказался от участия", PK_ABSENT},
    {"отказалась от участия", PK_ABSENT},
    {"отказались от участия", PK_ABSENT},
    {"отказался от своего участия", PK_ABSENT},
    {"отказалась от своего участия", PK_ABSENT},
    {"отказались от своего участия", PK_ABSENT},
    {"отказалось от участия", PK_ABSENT},
    /* absent: only the parties right after */
    {"absence of", PK_ABSENT_PREP},
    {"not attended by", PK_ABSENT_PREP},
    {"without the participation of", PK_ABSENT_PREP},
    {"without the leaders of", PK_ABSENT_PREP},
    {"with the exception of", PK_ABSENT_PREP},
    {"except for", PK_ABSENT_PREP},
    {"except", PK_ABSENT_PREP},
    {"без участия", PK_ABSENT_PREP},
    {"в отсутствие", PK_ABSENT_PREP},
    {"в отсутствии", PK_ABSENT_PREP},
    {"отсутствие", PK_ABSENT_PREP},
    {"отсутствия", PK_ABSENT_PREP},
    {"за исключением", PK_ABSENT_PREP},
    {"without ", PK_ABSENT_PREP},
    {"без ", PK_ABSENT_PREP},
    {"кроме", PK_ABSENT_PREP},
    {"не будет президент", PK_ABSENT_PREP},
    {"не будет лидер", PK_ABSENT_PREP},
    {"не будет глав", PK_ABSENT_PREP},
    {"не будут президент", PK_ABSENT_PREP},
    /* represented: the parties right after */
    {"вместо", PK_REPR_PREP},
    {"instead of", PK_REPR_PREP},
    /* represented */
    {"represented by", PK_REPR},
    {"representing", PK_REPR},
    {"represented at", PK_REPR},
    {"is represented", PK_REPR},
    {"are represented", PK_REPR},
    {"was represented", PK_REPR},
    {"were represented", PK_REPR},
    {"be represented", PK_REPR},
    {"represents", PK_REPR},
    {"represented", PK_REPR},
    {"представля", PK_REPR},
    /* "Moldova sent its ambassador, NAME" */
    {"sent its", PK_REPR},
    {"sent his", PK_REPR},
    {"sent her", PK_REPR},
    {"представлен", PK_REPR},
    {"представит", PK_REPR},
    {"представил", PK_REPR},
    {"представят", PK_REPR},
    {"в лице", PK_REPR},
    /* one who stands in for the leader: the party is represented («за
    ** исключением армянского премьера NAME ... его заменит вице-премьер
    ** Армении NAME»; not the English "replaced by": the leader's role before
    ** it makes his party present) */
    {"заменит", PK_REPR},
    {"заменил", PK_REPR},
    {"заменяет", PK_REPR},
    {"замещает", PK_REPR},
    /* present */
    {"attended by", PK_PRESENT_PREP},
    {"attended", PK_PRESENT},
    {"attending", PK_PRESENT},
    {"attends", PK_PRESENT},
    {"took part", PK_PRESENT},
    {"take part", PK_PRESENT},
    {"takes part", PK_PRESENT},
    {"taking part", PK_PRESENT},
    {"participated", PK_PRESENT},
    {"participates", PK_PRESENT},
    {"participating", PK_PRESENT},
    {"participation of", PK_PRESENT_PREP},
    {"gathered", PK_PRESENT},
    {"delegation was headed by", PK_PRESENT},
    {"delegation chaired by", PK_PRESENT},
    {"delegation headed by", PK_PRESENT},
    {"delegation led by", PK_PRESENT},
    {"delegation, headed by", PK_PRESENT},
    {"delegation, led by", PK_PRESENT},
    {"observer states", PK_PRESENT_PREP},
    {"observer state", PK_PRESENT_PREP},
    {"observer countries", PK_PRESENT_PREP},
    {"государств-наблюдателей", PK_PRESENT_PREP},
    {"государства-наблюдатели", PK_PRESENT_PREP},
    {"delegation was led by", PK_PRESENT},
    {"delegation is headed by", PK_PRESENT},
    {"delegation is led by", PK_PRESENT},
    {"will be headed by", PK_PRESENT},
    {"will be led by", PK_PRESENT},
    {"led the delegation", PK_PRESENT},
    {"headed the delegation", PK_PRESENT},
    {"was present", PK_PRESENT},
    {"were present", PK_PRESENT},
    {"is present", PK_PRESENT},
    {"are present", PK_PRESENT},
    {"counterparts from", PK_PRESENT_PREP},
    {"joined by the leaders of", PK_PRESENT_PREP},
    {"met with his counterparts", PK_PRESENT},
    {"met with her counterparts", PK_PRESENT},
    {"met his counterparts", PK_PRESENT},
    {"met her counterparts", PK_PRESENT},
    {"встретился с коллегами", PK_PRESENT},
    {"встретилась с коллегами", PK_PRESENT},
    {"joined the meeting", PK_PRESENT},
    {"joined the session", PK_PRESENT},
    {"joined the summit", PK_PRESENT},
    /* "will join the work of the SEEC session in the expanded format" */
    {"join the work of", PK_PRESENT},
    {"joined the work of", PK_PRESENT},
    {"присоединится к работе", PK_PRESENT},
    {"присоединился к работе", PK_PRESENT},
    {"присоединился к заседанию", PK_PRESENT},
    {"arrived", PK_PRESENT},
    {"chaired by", PK_PRESENT_PREP},
    /* "the session ..., which was conducted by NAME, Secretary of ..." */
    {"conducted by", PK_PRESENT_PREP},
    {"chaired the", PK_PRESENT},
    {"co-chair a meeting", PK_PRESENT},
    {"co-chair the meeting", PK_PRESENT},
    {"co-chair the session", PK_PRESENT},
    {"co-chaired a meeting", PK_PRESENT},
    {"co-chaired the meeting", PK_PRESENT},
    {"co-chaired the session", PK_PRESENT},
    {"will chair the meeting", PK_PRESENT},
    {"will chair the session", PK_PRESENT},
    {"will chair the summit", PK_PRESENT},
    {"presided over the", PK_PRESENT},
    {"председательствовал", PK_PRESENT},
    {"hosted by", PK_PRESENT_PREP},
    /* the host named as such: «обед, который даст хозяин саммита NAME»,
    ** "the summit's host, President NAME" */
    {"хозяин саммита", PK_PRESENT_PREP},
    {"хозяин встречи", PK_PRESENT_PREP},
    {"хозяин заседания", PK_PRESENT_PREP},
    {"хозяйка саммита", PK_PRESENT_PREP},
    {"host of the summit", PK_PRESENT_PREP},
    {"host of the meeting", PK_PRESENT_PREP},
    /* ... of this one, said so ("The host of the present summit, Tajik
    ** President NAME, congratulated ...", «хозяин нынешнего саммита») */
    {"host of the present summit", PK_PRESENT_PREP},
    {"host of the current summit", PK_PRESENT_PREP},
    {"host of this summit", PK_PRESENT_PREP},
    {"host of this year's summit", PK_PRESENT_PREP},
    {"host of the present meeting", PK_PRESENT_PREP},
    {"host of this meeting", PK_PRESENT_PREP},
    {"хозяин нынешнего саммита", PK_PRESENT_PREP},
    {"хозяин нынешней встречи", PK_PRESENT_PREP},
    {"хозяин этого саммита", PK_PRESENT_PREP},
    {"the summit's host", PK_PRESENT_PREP},
    {"presided over by", PK_PRESENT_PREP},
    {"opened by", PK_PRESENT_PREP},
    {"under the chairmanship of", PK_PRESENT_PREP},
    {"under the presidency of", PK_PRESENT_PREP},
    {"leaders of", PK_PRESENT_PREP},
    {"presidents of", PK_PRESENT_PREP},
    {"heads of state of", PK_PRESENT_PREP},
    {"prime ministers of", PK_PRESENT_PREP},
    {"heads of government of", PK_PRESENT_PREP},
    {"foreign ministers of", PK_PRESENT_PREP},
    {"defence ministers of", PK_PRESENT_PREP},
    {"defense ministers of", PK_PRESENT_PREP},
    {"delegations of", PK_PRESENT_PREP},
    {"delegations from", PK_PRESENT_PREP},
    {"принял участие", PK_PRESENT},
    {"приняла участие", PK_PRESENT},
    {"приняли участие", PK_PRESENT},
    {"принимает участие", PK_PRESENT},
    {"принимают участие", PK_PRESENT},
    {"примет участие", PK_PRESENT},
    {"примут участие", PK_PRESENT},
    {"участвовал", PK_PRESENT},
    {"участвует", PK_PRESENT},
    {"участвуют", PK_PRESENT},
    {"с участием", PK_PRESENT_PREP},
    {"участников заседания", PK_PRESENT_PREP},
    {"участники заседания", PK_PRESENT_PREP},
    {"participants of the meeting", PK_PRESENT_PREP},
    {"participants in the meeting", PK_PRESENT_PREP},
    {"при участии", PK_PRESENT_PREP},
    {"прибыл", PK_PRESENT},
    {"приехал", PK_PRESENT},
    {"приедет", PK_PRESENT},
    {"приедут", PK_PRESENT},
    {"прилетел", PK_PRESENT},
    /* «Путин в четверг прибудет на саммит» */
    {"прибудет", PK_PRESENT},
    {"прибудут", PK_PRESENT},
    {"собрались", PK_PRESENT},
    {"соберутся", PK_PRESENT},
    {"будут участвовать", PK_PRESENT},
    {"будет участвовать", PK_PRESENT},
    {"возглавил", PK_PRESENT},
    {"возглавит", PK_PRESENT},
    {"in attendance", PK_PRESENT},
    {"will attend", PK_PRESENT},
    {"to attend", PK_PRESENT},
    {"will participate", PK_PRESENT},
    /* the verb after an adverb ("will also participate in", "will personally
    ** attend the"); under a negation in its clause it is absent */
    {"participate in", PK_PRESENT},
    {"attend the", PK_PRESENT},
    {"to participate in", PK_PRESENT},
    {"taken part", PK_PRESENT},
    {"will arrive", PK_PRESENT},
    {"arrives", PK_PRESENT},
    {"arriving", PK_PRESENT},
    {"also present", PK_PRESENT},
    /* one who spoke at it is there ("Kazakh PM NAME addressed the sitting
    ** of the Council", «выступил на заседании») */
    {"addressed the meeting", PK_PRESENT},
    {"addressed the session", PK_PRESENT},
    {"addressed the sitting", PK_PRESENT},
    {"addressed the summit", PK_PRESENT},
    {"addressed the participants", PK_PRESENT},
    {"spoke at the meeting", PK_PRESENT},
    {"spoke at the session", PK_PRESENT},
    {"spoke at the sitting", PK_PRESENT},
    {"spoke at the summit", PK_PRESENT},
    {"выступил на заседании", PK_PRESENT},
    {"выступила на заседании", PK_PRESENT},
    {"выступил на саммите", PK_PRESENT},
    {"выступила на саммите", PK_PRESENT},
    {"выступил на встрече", PK_PRESENT},
    {"выступила на встрече", PK_PRESENT},
    /* one who said something at it is there too ("Armenian Foreign Minister
    ** NAME said at the meeting that ...", "As Prime Minister NAME noted at
    ** the meeting", «глава МИД заявил на заседании», «сказал в ходе
    ** заседания»); not one who spoke of it elsewhere ("said after the
    ** meeting", «заявил журналистам») */
    {"said at the meeting", PK_SAID},
    {"said at the session", PK_SAID},
    {"said at the sitting", PK_SAID},
    {"said at the summit", PK_SAID},
    {"noted at the meeting", PK_SAID},
    {"noted at the session", PK_SAID},
    {"noted at the summit", PK_SAID},
    {"stated at the meeting", PK_SAID},
    {"stated at the session", PK_SAID},
    {"stated at the summit", PK_SAID},
    {"told the meeting", PK_SAID},
    {"told the session", PK_SAID},
    {"told the summit", PK_SAID},
    {"said during the meeting", PK_SAID},
    {"said during the session", PK_SAID},
    {"said during the summit", PK_SAID},
    {"заявил на заседании", PK_SAID},
    {"заявила на заседании", PK_SAID},
    {"сказал на заседании", PK_SAID},
    {"сказала на заседании", PK_SAID},
    {"отметил на заседании", PK_SAID},
    {"отметила на заседании", PK_SAID},
    {"заявил на саммите", PK_SAID},
    {"заявила на саммите", PK_SAID},
    {"сказал на саммите", PK_SAID},
    {"сказала на саммите", PK_SAID},
    {"отметил на саммите", PK_SAID},
    {"отметила на саммите", PK_SAID},
    {"заявил в ходе заседания", PK_SAID},
    {"заявила в ходе заседания", PK_SAID},
    {"сказал в ходе заседания", PK_SAID},
    {"сказала в ходе заседания", PK_SAID},
    {"отметил в ходе заседания", PK_SAID},
    {"отметила в ходе заседания", PK_SAID},
    {"заявил в ходе саммита", PK_SAID},
    {"заявила в ходе саммита", PK_SAID},
    {"сказал в ходе саммита", PK_SAID},
    {"сказала в ходе саммита", PK_SAID},
    {"отметил в ходе саммита", PK_SAID},
    {"отметила в ходе саммита", PK_SAID},
    {"present were", PK_PRESENT_PREP},
    {"joined by", PK_PRESENT_PREP},
    /* a meeting of some leaders held within the session: they are there
    ** («в рамках саммита состоится встреча президентов России, Армении и
    ** Азербайджана») */
    {"в рамках саммита", PK_PRESENT},
    {"на полях саммита", PK_PRESENT},
    {"on the sidelines of the summit", PK_PRESENT},
    {"on the sidelines of the meeting", PK_PRESENT},
    /* «По видеосвязи подключились главы Таджикистана и Узбекистана»: joined
    ** (by a link) */
    {"подключился", PK_PRESENT},
    {"подключилась", PK_PRESENT},
    {"подключились", PK_PRESENT},
    {"подключится", PK_PRESENT},
    {"подключатся", PK_PRESENT},
    {"принимал участие", PK_PRESENT},
    {"принимала участие", PK_PRESENT},
    {"принимали участие", PK_PRESENT},
    {"принимать участие", PK_PRESENT},
    /* «слово дадут главе ... правительства NAME и узбекскому премьеру
    ** NAME»: those given the floor are there (in the dative) */
    {"слово дадут", PK_PRESENT},
    {"слово предоставят", PK_PRESENT},
    {"слово было предоставлено", PK_PRESENT},
    /* "Then the floor was given to the Chairman of the Government of the
    ** Russian Federation, NAME" */
    {"floor was given to", PK_PRESENT_PREP},
    /* a colleague greeted at the meeting is there («поздравил своего
    ** армянского коллегу NAME», «поприветствовать в нашем составе министра
    ** иностранных дел Армении NAME») */
    {"поздравил своего", PK_PRESENT_PREP},
    {"поздравила своего", PK_PRESENT_PREP},
    {"поприветствовал своего", PK_PRESENT_PREP},
    {"приветствовал своего", PK_PRESENT_PREP},
    {"в нашем составе", PK_PRESENT_PREP},
    {"congratulated his", PK_PRESENT_PREP},
    {"welcomed his", PK_PRESENT_PREP},
    {"gave the floor to", PK_PRESENT_PREP},
    /* «мероприятие посетили главы оборонных ведомств РФ, Азербайджана,
    ** ...»: visited the event itself, not a city */
    {"мероприятие посетили", PK_PRESENT},
    {"заседание посетили", PK_PRESENT},
    {"саммит посетили", PK_PRESENT},
    {"посетили заседание", PK_PRESENT},
    {"посетили саммит", PK_PRESENT},
    {"посетили мероприятие", PK_PRESENT},
    {"посетит саммит", PK_PRESENT},
    {"посетил саммит", PK_PRESENT},
    {"посетит заседание", PK_PRESENT},
    {"посетил заседание", PK_PRESENT},
    {"attendees included", PK_PRESENT_PREP},
    {"participants included", PK_PRESENT_PREP},
    {"among the participants were", PK_PRESENT_PREP},
    {"among the participants are", PK_PRESENT_PREP},
    {"among those present were", PK_PRESENT_PREP},
    {"among those attending were", PK_PRESENT_PREP},
    /* the nominative plural of a leaders' role, the subject: «Лидеры
    ** России, Казахстана и Белоруссии обсудили ...» */
    {"лидеры", PK_PRESENT_LIST},
    {"президенты", PK_PRESENT_LIST},
    {"премьер-министры", PK_PRESENT_LIST},
    {"главы государств", PK_PRESENT_LIST},
    {"главы правительств", PK_PRESENT_LIST},
    {"руководители", PK_PRESENT_LIST},
    {"возглавля", PK_PRESENT},
    {"под председательством", PK_PRESENT_PREP},
    {"провели заседание", PK_PRESENT},
    {"встретил участников", PK_HOST},
    {"встретила участников", PK_HOST},
    {"встречает участников", PK_HOST},
    {"приветствовал участников", PK_HOST},
    {"поприветствовал участников", PK_HOST},
    {"welcomed the participants", PK_HOST},
    {"встречает гостей", PK_HOST},
    {"встретил гостей", PK_HOST},
    {"встретила гостей", PK_HOST},
    {"welcomed the guests", PK_HOST},
    {"welcomes the guests", PK_HOST},
    {"greeted the guests", PK_HOST},
    {"greeted the participants", PK_HOST},
    {"welcomed the leaders", PK_HOST},
    {"welcomed the heads", PK_HOST},
    {"открыли заседание", PK_PRESENT},
    {"открыл заседание", PK_PRESENT},
    {"открыла заседание", PK_PRESENT},
    {"открывая заседание", PK_PRESENT},
    /* «Президент Таджикистана NAME открыл саммит СНГ», «Встречу в узком
    ** составе открыл ... глава МИД Казахстана NAME» */
    {"открыл саммит", PK_PRESENT},
    {"открыла саммит", PK_PRESENT},
    {"открыли саммит", PK_PRESENT},
    {"открыл встречу", PK_PRESENT},
    {"открыла встречу", PK_PRESENT},
    {"открыл сессию", PK_PRESENT},
    {"открыла сессию", PK_PRESENT},
    {"составе открыл", PK_PRESENT},
    {"составе открыла", PK_PRESENT},
    {"начали заседание", PK_PRESENT},
    {"opened the meeting", PK_PRESENT},
    {"opened the session", PK_PRESENT},
    {"opened the summit", PK_PRESENT},
    {"opening the meeting", PK_PRESENT},
    {"opening the session", PK_PRESENT},
    {"провел заседание", PK_PRESENT},
    {"провёл заседание", PK_PRESENT},
    {"делегации", PK_PRESENT_PREP},
    {"are holding", PK_PRESENT},
    {"were holding", PK_PRESENT},
    {"holding a meeting", PK_PRESENT},
    {"hold a meeting", PK_PRESENT},
    {"held a meeting", PK_PRESENT},
    {"held the meeting", PK_PRESENT},
    {"at a meeting of", PK_PRESENT},
    {"at the meeting of", PK_PRESENT},
    {"at a session of", PK_PRESENT},
    {"at the session of", PK_PRESENT},
    {"проводят заседание", PK_PRESENT},
    {"на заседании", PK_PRESENT},
    {"не присутствовал", PK_ABSENT},
    {"не присутствует", PK_ABSENT},
    {"присутствует", PK_PRESENT},
    {"присутствуют", PK_PRESENT},
    {"присутствовал", PK_PRESENT},
    {"was present", PK_PRESENT},
    {"were present", PK_PRESENT},
    {"участие в заседании", PK_PRESENT},
    {"участие в саммите", PK_PRESENT},
    {"участие в сессии", PK_PRESENT},
    {"участие в работе", PK_PRESENT},
    {"на саммите", PK_PRESENT},
    {"at the summit", PK_PRESENT},
    {"be at the meeting", PK_PRESENT},
    {"be at the session", PK_PRESENT},
    {"at a summit", PK_PRESENT},
    {0, 0}};

static const Pat aRole[] = {{"first deputy", RK_LOWER},
                            /* a former head's title ("represented by its First
                            ** President NAME"): not the head of state now */
                            {"first president", RK_LOWER},
                            /* lower officials sent in a minister's place */
                            {"chief of the general staff", RK_LOWER},
                            {"chief of general staff", RK_LOWER},
                            {"attaché", RK_LOWER},
                            {"attache", RK_LOWER},
                            {"chargé d", RK_LOWER},
                            {"начальник генерального штаба", RK_LOWER},
                            {"начальник генштаба", RK_LOWER},
                            {"атташе", RK_LOWER},
                            {"временный поверенный", RK_LOWER},
                            {"замминистр", RK_LOWER},
                            {"замглав", RK_LOWER},
                            {"глава мид", RK_MINISTER},
                            {"главы мид", RK_MINISTER},
                            {"глава внешнеполитического", RK_MINISTER},
                            {"руководитель внешнеполитического", RK_MINISTER},
                            {"head of the foreign ministry", RK_MINISTER},
                            {"deputy", RK_LOWER},
                            {"vice-", RK_LOWER},
                            {"vice ", RK_LOWER},
                            {"ambassador", RK_LOWER},
                            {"permanent representative", RK_LOWER},
                            {"plenipotentiary", RK_LOWER},
                            {"envoy", RK_LOWER},
                            {"заместител", RK_LOWER},
                            {"вице-", RK_LOWER},
                            {"посол", RK_LOWER},
                            {"постпред", RK_LOWER},
                            {"полномочн", RK_LOWER},
                            {"prime minister", RK_HEAD_GOV},
                            {"premier", RK_HEAD_GOV},
                            {"pm", RK_HEAD_GOV}, /* "Armenian PM NAME" */
                            {"chairman of the cabinet", RK_HEAD_GOV},
                            {"chairman of the government", RK_HEAD_GOV},
                            {"chairman of the council of ministers", RK_HEAD_GOV},
                            {"head of government", RK_HEAD_GOV},
                            {"heads of government", RK_HEAD_GOV},
                            {"heads of the government", RK_HEAD_GOV},
                            {"премьер", RK_HEAD_GOV},
                            {"председатель правительства", RK_HEAD_GOV},
                            {"председатель кабинета", RK_HEAD_GOV},
                            {"председатель совета министров", RK_HEAD_GOV},
                            {"глава правительства", RK_HEAD_GOV},
                            {"главы правительств", RK_HEAD_GOV},
                            {"president", RK_HEAD_STATE},
                            {"head of state", RK_HEAD_STATE},
                            {"heads of state", RK_HEAD_STATE},
                            {"leader", RK_HEAD_STATE},
                            {"leadership", RK_HEAD_STATE},
                            {"президент", RK_HEAD_STATE},
                            {"глава", RK_HEAD_STATE},
                            {"главы", RK_HEAD_STATE},
                            {"лидер", RK_HEAD_STATE},
                            {"foreign minister", RK_MINISTER},
                            {"defence minister", RK_MINISTER},
                            {"defense minister", RK_MINISTER},
                            {"minister", RK_MINISTER},
                            {"counterpart", RK_ANY},
                            {"коллега", RK_ANY},
                            {"министр", RK_MINISTER},
                            {0, 0}};

/* What breaks a sentence into clauses, and a clause into list items. */
static const char *const azClauseSep[] = {";",       "\n",        " but ",    ", но ",
                                          " while ", " whereas ", " however", 0};
/* ... "that", «что» end an item too: a role before them is not of a party
** after ("the Russian Ambassador said that Russian Prime Minister NAME would
** participate") */
static const char *const azItemSep[] = {",", " and ",  " и ",   " as well as ",
                                        ":", " that ", " что ", 0};

typedef struct Hit {
  size_t i, e;
  int kind;
} Hit;

typedef struct Hits {
  Hit *a;
  size_t n, nAlloc;
} Hits;

static void hit_add(Hits *p, size_t i, size_t e, int kind) {
  if (p->n == p->nAlloc) {
    p->nAlloc = p->nAlloc ? 2 * p->nAlloc : 32;
    p->a = xrealloc(p->a, p->nAlloc * sizeof(Hit));
  }
  p->a[p->n++] = (Hit){i, e, kind};
}

static int cmp_hit(const void *a, const void *b) {
  const Hit *x = a, *y = b;
  if (x->i != y->i) return x->i < y->i ? -1 : 1;
  if (x->e != y->e) return x->e > y->e ? -1 : 1;
  return 0;
}

/* Does a word of serving someone end right before i ("aide to the",
** «помощник», «пресс-секретарь», «администрации»)? */
static bool serves_before(const Doc *d, size_t i) {
  static const char *const az[] = {
      "помощник ", "помощника ", "советник ", "советника ", "пресс-секретарь ", "пресс-секретаря ",
      "администрации ", "аппарата ", "aide to the ", "aide to ", "adviser to the ",
      "advisor to the ", "assistant to the ", "spokesman for the ", "spokesperson for the ",
      "office of the ", "press secretary of the ",
      /* a statement discussed: its author's role
      ** («обсудят заявление президента России NAME») */
      "заявление ", "заявления ", "заявлению ", "statement by the ", "statement of the ", 0};
  return ig_ends_before(d, i, az, false);
}

/* A verb of holding with a meeting its object within 60 bytes
** («Путин и Лукашенко 26 февраля проведут в Москве заседание»): present.
** Without one («провели переговоры», «провели телефонный разговор») it
** says nothing. */
static void hold_hits(const Doc *d, Hits *p) {
  static const char *const azVerb[] = {"проведут", "провели", "проводят", "проведет", "проведёт",
                                       "провел",   "провёл",  "провела",  "проводит", 0};
  static const char *const azWhat[] = {"заседани", "саммит", "сесси", 0};
  for (int k = 0; azVerb[k]; k++) {
    size_t n = strlen(azVerb[k]);
    for (const char *z = d->zLo; (z = strstr(z, azVerb[k])) != 0; z += n) {
      size_t i = (size_t)(z - d->zLo), we = ig_word_end(d, i + n), se = ig_sent_end(d, i);
      if (gz_letter_before(d->zLo, i) || we != i + n) continue;
      size_t b = we + 60 < se ? we + 60 : se;
      if (b > we && ig_has_any(d, we, b, azWhat)) hit_add(p, i, we, PK_PRESENT);
    }
  }
}

/* «Участие в заседании принял премьер-министр Узбекистана NAME»: "участие"
** first, its verb «принял» after it within 40 bytes and no comma between,
** the subject after the verb: present, as «принял участие» is. */
static void participation_hits(const Doc *d, Hits *p) {
  static const char *const azVerb[] = {"принял", "приняла",   "приняли",   "примет",
                                       "примут", "принимает", "принимают", 0};
  for (const char *z = d->zLo; (z = strstr(z, "участие ")) != 0; z++) {
    size_t i = (size_t)(z - d->zLo), se = ig_sent_end(d, i);
    if (gz_letter_before(d->zLo, i)) continue;
    size_t b = i + 56 < se ? i + 56 : se;
    for (int k = 0; azVerb[k]; k++) {
      size_t x = ig_find(d, i + 14, azVerb[k]), n = strlen(azVerb[k]);
      if (x >= b || ig_word_end(d, x + n) != x + n || gz_letter_before(d->zLo, x) ||
          memchr(d->z + i, ',', x - i))
        continue;
      /* ... not «участие в заседании не принял» (said by the negated verbs) */
      if (x >= 5 && memcmp(d->zLo + x - 5, "не ", 5) == 0) continue;
      hit_add(p, x, x + n, PK_PRESENT);
      break;
    }
  }
}

/* «Председателем на нынешнем Совете является руководитель ... Казахстана
** NAME»: the chair of the session, named after «является», is present. */
static void chair_is_hits(const Doc *d, Hits *p) {
  for (const char *z = d->zLo; (z = strstr(z, "председателем ")) != 0; z++) {
    size_t i = (size_t)(z - d->zLo), se = ig_sent_end(d, i);
    if (gz_letter_before(d->zLo, i)) continue;
    size_t x = ig_find(d, i, "является ");
    if (x < se && x < i + 90 && !memchr(d->z + i, ',', x - i)) hit_add(p, x, x + 16, PK_PRESENT);
  }
}

/* A verb of hosting with the meeting its object within 40 bytes ("Belarus,
** which will be hosting the CSTO summit in Minsk", "Kazakhstan hosts the
** meeting"): the host is present. Not "hosted by" (the host follows), nor
** the next or a past one ("will host the next summit", "hosted the
** previous session", "hosted the session of the council five years ago"). */
static void host_hits(const Doc *d, Hits *p) {
  static const char *const azVerb[] = {"hosting", "will host", "hosts", "hosted", 0};
  static const char *const azWhat[] = {"summit", "meeting", "session", "gathering", 0};
  static const char *const azOther[] = {"next", "previous", "last",   "past", "earlier",
                                        " ago", " in 19",   " in 20", 0};
  static const char *const azOrgName[] = {"commonwealth", "collective security",
                                          "eurasian economic", "union state", 0};
  for (int k = 0; azVerb[k]; k++) {
    size_t n = strlen(azVerb[k]);
    for (const char *z = d->zLo; (z = strstr(z, azVerb[k])) != 0; z += n) {
      size_t i = (size_t)(z - d->zLo), se = ig_sent_end(d, i);
      if (gz_letter_before(d->zLo, i) || gz_letter_at(d->zLo, d->n, i + n)) continue;
      if (i + n + 3 <= d->n && memcmp(d->zLo + i + n, " by", 3) == 0) continue;
      /* (past the organization's name: "will host the annual Commonwealth of
      ** Independent States (CIS) heads of state summit") */
      size_t w = ig_has_any(d, i + n, i + n + 24 < se ? i + n + 24 : se, azOrgName) ? 80 : 40;
      size_t b = i + n + w < se ? i + n + w : se, b2 = i + n + 80 < se ? i + n + 80 : se;
      if (b > i + n && ig_has_any(d, i + n, b, azWhat) && !ig_has_any(d, i + n, b2, azOther))
        hit_add(p, i, i + n, PK_PRESENT);
    }
  }
}

/* A verb of meeting arrivals («встретил», «встречал») with its object, the
** leaders or a pronoun for them, within the 40 bytes before it or right
** after it («Их встретил», «глав правительств встречал», «встречал
** лидеров»): PK_GREET. Not «встретился с» (met with: a talk). */
static void greet_hits(const Doc *d, Hits *p) {
  static const char *const azVerb[] = {"встретил",      "встретила",       "встречал",
                                       "встречала",     "встречает",       "встречали",
                                       "встретили",     "поприветствовал", "поприветствовали",
                                       "приветствовал", "приветствовали",  0};
  static const char *const azWhom[] = {"их ", "глав ", "лидеров ", "президентов ",
                                       "премьер-министров ", "делегаци", "гостей ",
                                       /* «руководителей делегаций поприветствовали глава
                                       ** МИД Белоруссии NAME и ...» */
                                       "руководителей ", "министров ", 0};
  for (int k = 0; azVerb[k]; k++) {
    size_t n = strlen(azVerb[k]);
    for (const char *z = d->zLo; (z = strstr(z, azVerb[k])) != 0; z += n) {
      size_t i = (size_t)(z - d->zLo), ss = ig_sent_start(d, i), se = ig_sent_end(d, i);
      if (gz_letter_before(d->zLo, i) || ig_word_end(d, i + n) != i + n) continue;
      size_t a = i > ss + 40 ? i - 40 : ss, b = i + n + 24 < se ? i + n + 24 : se;
      if (ig_has_any(d, a, i, azWhom) || ig_has_any(d, i + n, b, azWhom))
        hit_add(p, i, i + n, PK_GREET);
    }
  }
}

/* "were joined, via videoconference, by President NAME": "joined" and, past
** a few words set off by commas, "by": present, for the parties after. */
static void joined_hits(const Doc *d, Hits *p) {
  for (size_t x = ig_find(d, 0, "joined, "); x != SIZE_MAX; x = ig_find(d, x + 1, "joined, ")) {
    size_t se = ig_sent_end(d, x), b = x + 48 < se ? x + 48 : se;
    size_t y = ig_find(d, x + 8, ", by ");
    if (!gz_letter_before(d->zLo, x) && y < b) hit_add(p, x, y + 5, PK_PRESENT_PREP);
  }
}

/* Is the predicate at i negated in its own clause: a word of negation
** right before it, past at most three auxiliaries and adverbs ("will not be
** represented", «не будут представлены», "have never attended"), or
** "neither X nor Y" before it ("neither the prime minister nor other
** officials have participated")? Only the words before the verb count, so
** a negation reaches no further than its verb group. */
/* Is [e, i) one Russian auxiliary between spaces (« была », « будет »)? */
static bool aux_between(const Doc *d, size_t e, size_t i) {
  static const char *const azAux[] = {" был ",   " была ",  " было ", " были ",
                                      " будет ", " будут ", 0};
  for (int k = 0; azAux[k]; k++) {
    size_t n = strlen(azAux[k]);
    if (i == e + n && memcmp(d->zLo + e, azAux[k], n) == 0) return true;
  }
  return false;
}

/* Is the Russian verb ending at or in the word ending after e negated
** after it, its auxiliary last («Молдова представлена не была», «участие
** принимать не будет»)? */
static bool negated_after(const Doc *d, size_t e) {
  static const char *const azNeg[] = {" не был", " не будет", " не будут", 0};
  if (e == 0 || (unsigned char)d->zLo[e - 1] < 0x80) return false;
  size_t w = ig_word_end(d, e);
  for (int k = 0; azNeg[k]; k++) {
    size_t n = strlen(azNeg[k]);
    if (w + n <= d->n && memcmp(d->zLo + w, azNeg[k], n) == 0) return true;
  }
  return false;
}

static bool negated(const Doc *d, size_t i) {
  static const char *const azNeg[] = {"not", "never", "не", "nor", "cannot", 0};
  static const char *const azAux[] = {
      "will", "would", "be", "been", "being", "have", "has", "had", "was", "were", "is", "are",
      "do", "does", "did", "could", "can", "to", "also", "yet", "even", "able", "personally",
      "лично", "будет", "будут", "был", "была", "было", "были", "также", "ещё", "еще", "бы",
      /* verbs of intent before the verb ("does not plan to attend", «не
      ** планирует принимать участие», «не намерен участвовать») */
      "plan", "plans", "planned", "intend", "intends", "intended", "планирует", "планируют",
      "планировал", "намерен", "намерена", "намерены", "собирается", "собираются", 0};
  size_t s = ig_sent_start(d, i), k = i;
  for (int w = 0; w < 4; w++) {
    while (k > s && d->z[k - 1] == ' ') k--;
    if (k <= s || !gz_letter_before(d->zLo, k)) return false;
    size_t ws = ig_word_start(d, k);
    size_t n = k - ws;
    if (n >= 3 && (memcmp(d->zLo + k - 3, "n't", 3) == 0)) return true;
    if (n >= 5 && memcmp(d->zLo + k - 5, "n’t", 5) == 0) return true;
    for (int q = 0; azNeg[q]; q++)
      if (strlen(azNeg[q]) == n && memcmp(d->zLo + ws, azNeg[q], n) == 0) return true;
    bool bAux = false;
    for (int q = 0; azAux[q] && !bAux; q++)
      bAux = strlen(azAux[q]) == n && memcmp(d->zLo + ws, azAux[q], n) == 0;
    if (!bAux) break;
    k = ws;
  }
  /* "neither A nor B VERB", within the 160 bytes before it */
  size_t b = i > s + 160 ? i - 160 : s;
  bool bNor = false;
  for (size_t j = i; j > b + 4 && !bNor; j--) bNor = memcmp(d->zLo + j - 5, " nor ", 5) == 0;
  for (size_t j = b; bNor && j + 8 <= i; j++)
    if (memcmp(d->zLo + j, "neither ", 8) == 0 && !gz_letter_before(d->zLo, j)) return true;
  return false;
}

/* Every occurrence of the patterns starting a word, sorted; a hit inside
** an earlier, longer one is dropped, and (bMerge) a hit touching the one
** before joins it, keeping the least kind ("Deputy Foreign Minister"). */
static void find_hits(const Doc *d, const Pat *aPat, bool bMerge, Hits *p) {
  for (int k = 0; aPat[k].z; k++) {
    size_t n = strlen(aPat[k].z);
    /* an English role ends its word, but for a plural "s" ("presidents",
    ** not "presidential") */
    bool bWhole = bMerge && (unsigned char)aPat[k].z[0] < 0x80 && aPat[k].z[n - 1] != '-' &&
                  aPat[k].z[n - 1] != ' ';
    for (const char *z = d->zLo; (z = strstr(z, aPat[k].z)) != 0; z += n) {
      size_t i = (size_t)(z - d->zLo);
      if (aPat[k].z[0] != '\'' && gz_letter_before(d->zLo, i)) continue;
      /* the president's aide, spokesman, administration: the role is of
      ** one they serve, not theirs («помощник президента РФ Юрий Ушаков») */
      if (bMerge && serves_before(d, i)) continue;
      /* the ministers of a cabinet or council in someone's title
      ** ("Chairman of the Cabinet of Ministers of Kyrgyzstan", «председатель
      ** кабинета министров») are no role of their own */
      static const char *const azBodyOf[] = {" of ", "кабинета ", "совета ", 0};
      if (bMerge && aPat[k].kind == RK_MINISTER && n <= 14 && ig_ends_before(d, i, azBodyOf, false))
        continue;
      if (bWhole && gz_letter_at(d->zLo, d->n, i + n) &&
          !(d->zLo[i + n] == 's' && !gz_letter_at(d->zLo, d->n, i + n + 1)))
        continue;
      /* «представит» (will represent) is not «представитель» (a
      ** representative: "Permanent Representative of Belarus to the CSTO",
      ** an author's title) */
      if (!bMerge && i + n + 4 <= d->n && memcmp(d->zLo + i + n, "ел", 4) == 0) continue;
      /* a reflexive verb is no representation: «представляется
      ** целесообразным» (it seems useful), «представляются» */
      if (!bMerge && aPat[k].kind == PK_REPR && (unsigned char)aPat[k].z[0] >= 0xD0) {
        size_t we = ig_word_end(d, i + n);
        if (we >= i + n + 4 &&
            (memcmp(d->zLo + we - 4, "ся", 4) == 0 || memcmp(d->zLo + we - 4, "сь", 4) == 0))
          continue;
      }
      hit_add(p, i, i + n, aPat[k].kind);
    }
  }
  if (!bMerge) {
    hold_hits(d, p);
    participation_hits(d, p);
    chair_is_hits(d, p);
    host_hits(d, p);
    greet_hits(d, p);
    joined_hits(d, p);
  }
  if (p->n) qsort(p->a, p->n, sizeof(Hit), cmp_hit);
  size_t j = 0;
  for (size_t k = 0; k < p->n; k++) {
    Hit h = p->a[k];
    if (j && h.i < p->a[j - 1].e) {
      /* a role inside a longer one is the longer one's («глава» in «глава
      ** МИД»); one overlapping its end joins it with the least kind */
      if (bMerge && h.kind < p->a[j - 1].kind && h.e > p->a[j - 1].e) p->a[j - 1].kind = h.kind;
      if (h.e > p->a[j - 1].e && bMerge) p->a[j - 1].e = h.e;
      continue;
    }
    /* "Deputy Prime Minister and Foreign Minister": a lower title joined to
    ** a minister's by "and" is that minister's */
    if (bMerge && j && p->a[j - 1].kind == RK_LOWER && h.kind == RK_MINISTER &&
        ((h.i == p->a[j - 1].e + 5 && memcmp(d->zLo + p->a[j - 1].e, " and ", 5) == 0) ||
         (h.i == p->a[j - 1].e + 4 && memcmp(d->zLo + p->a[j - 1].e, " и ", 4) == 0))) {
      p->a[j - 1].kind = RK_MINISTER;
      p->a[j - 1].e = h.e;
      continue;
    }
    if (bMerge && j && h.i <= p->a[j - 1].e + 3 &&
        !memchr(d->z + p->a[j - 1].e, ',', h.i - p->a[j - 1].e)) {
      if (h.kind < p->a[j - 1].kind) p->a[j - 1].kind = h.kind;
      p->a[j - 1].e = h.e;
      continue;
    }
    p->a[j++] = h;
  }
  p->n = j;
  /* a predicate of attending or representing under a negation in its
  ** clause says the party is absent ("will not be represented") */
  for (size_t k = 0; !bMerge && k < p->n; k++) {
    Hit *h = &p->a[k];
    /* ... and so does a place of the meeting right before an absence
    ** («Президента Молдовы на заседании не было»), or before a verb
    ** negated («Молдова на саммите представлена не была») */
    const Hit *hN = k + 1 < p->n ? &p->a[k + 1] : 0;
    bool bNext = hN && hN->i >= h->e && (hN->i <= h->e + 1 || aux_between(d, h->e, hN->i));
    if (h->kind == PK_PRESENT && bNext &&
        (hN->kind == PK_ABSENT || ((hN->kind == PK_PRESENT || hN->kind == PK_REPR) &&
                                   (negated(d, hN->i) || negated_after(d, hN->e)))))
      h->kind = PK_ABSENT;
    /* ... and representation, so («Молдова на саммите была представлена
    ** послом») */
    else if (h->kind == PK_PRESENT && bNext && hN->kind == PK_REPR &&
             (unsigned char)d->zLo[h->i] >= 0x80)
      h->kind = PK_REPR;
    if ((h->kind == PK_PRESENT || h->kind == PK_REPR) &&
        (negated(d, h->i) || negated_after(d, h->e)))
      h->kind = PK_ABSENT;
    /* "in the absence of the Presidents of A, B and C", "instead of the
    ** leaders of A and B": a list's head that is the object of "absence
    ** of" or "instead of" says what they do of its list */
    if (k > 0 && (h->kind == PK_PRESENT_PREP || h->kind == PK_PRESENT_LIST) &&
        (p->a[k - 1].kind == PK_ABSENT_PREP || p->a[k - 1].kind == PK_REPR_PREP) &&
        h->i >= p->a[k - 1].e && h->i - p->a[k - 1].e <= 5) {
      size_t g = p->a[k - 1].e;
      while (g < h->i && d->z[g] == ' ') g++;
      if (g == h->i || (h->i - g == 4 && memcmp(d->zLo + g, "the ", 4) == 0))
        h->kind = p->a[k - 1].kind;
    }
  }
}

/* Positions of separators, sorted. */
/* Does " and " at i join the parts of one compound title ("Chairman of the
** Cabinet of Ministers and Head of the Presidential Administration of the
** Kyrgyz Republic NAME"): a word of a title before it, a capitalized word
** of one after? */
static bool title_and(const Doc *d, size_t i) {
  static const char *const azEnd[] = {"ministers", "minister", "government",
                                      "affairs",   "cabinet",  0};
  static const char *const azNext[] = {" and head of ", " and chairman of ", " and minister of ",
                                       " and secretary of ", 0};
  bool bNext = false;
  for (int k = 0; azNext[k] && !bNext; k++) {
    size_t n = strlen(azNext[k]);
    bNext = i + n <= d->n && memcmp(d->zLo + i, azNext[k], n) == 0 && ig_upper_at(d, i + 5);
  }
  return bNext && ig_ends_before(d, i, azEnd, true);
}

/* Does the ";" at i open the list of those the clause before says took
** part ("The summit was attended by heads of all EAEU states; Armenian PM
** NAME, Russian President NAME ...")? A verb of taking part before it in
** its sentence, and no party named between them. */
static bool semicolon_opens_list(const Doc *d, size_t i) {
  static const char *const azPart[] = {"attended by", "took part", "participated", 0};
  size_t s = ig_sent_start(d, i), v = SIZE_MAX;
  for (int k = 0; azPart[k]; k++) {
    size_t f = ig_find(d, s, azPart[k]);
    if (f < i && (v == SIZE_MAX || f > v)) v = f;
  }
  if (v == SIZE_MAX) return false;
  for (int q = ig_mention_from(d, v); q < d->nM && d->aM[q].i < i; q++)
    if (d->aM[q].p->kind == GZ_PARTY) return false;
  return true;
}

static void find_seps(const Doc *d, const char *const *az, Hits *p) {
  for (int k = 0; az[k]; k++) {
    size_t n = strlen(az[k]);
    for (const char *z = d->zLo; (z = strstr(z, az[k])) != 0; z += n) {
      size_t i = (size_t)(z - d->zLo);
      if (strcmp(az[k], " and ") == 0 && title_and(d, i)) continue;
      if (strcmp(az[k], ";") == 0 && semicolon_opens_list(d, i)) continue;
      hit_add(p, i, i + n, 0);
    }
  }
  if (p->n) qsort(p->a, p->n, sizeof(Hit), cmp_hit);
}

/* The first hit starting at or after i (p->n if none). */
static size_t hit_from(const Hits *p, size_t i) {
  size_t lo = 0, hi = p->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (p->a[mid].i < i)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* The stretch around [i, e) bounded by the separators of p and [s0, e0). */
static void bounds(const Hits *p, size_t i, size_t e, size_t s0, size_t e0, size_t *ps,
                   size_t *pe) {
  size_t k = hit_from(p, i), s = s0, t = e0;
  /* the last separator ending at or before i: separators do not nest, so
  ** it is among the few before k */
  for (size_t q = k; q > 0; q--) {
    if (p->a[q - 1].e <= i) {
      if (p->a[q - 1].e > s) s = p->a[q - 1].e;
      break;
    }
  }
  for (size_t q = hit_from(p, e); q < p->n; q++) {
    if (p->a[q].i >= e) {
      if (p->a[q].i < t) t = p->a[q].i;
      break;
    }
  }
  *ps = s;
  *pe = t > s ? t : s;
}

/* Is m a person the registry records (a surname standing for his party)? */
static bool person_mention(const Doc *d, const Mention *m) {
  return d->g->nPeople && m->p >= &d->g->aPeople[0].party &&
         m->p <= &d->g->aPeople[d->g->nPeople - 1].party;
}

/* Is the person at i the one someone came instead of: "instead of" or
** «вместо» before him in his sentence, with only his role, "the" and
** capitalized words (his title, first name) between ("attended instead of
** President Ilham Aliyev", «Вместо президента Ильхама Алиева
** Азербайджан представлял премьер-министр NAME»)? */
static bool instead_of(const Doc *d, size_t i) {
  static const char *const azInstead[] = {"instead of ", "вместо ", 0};
  static const char *const azRole[] = {
      "the",        "president",        "prime",    "minister", "foreign", "defence", "defense",
      "президента", "премьер-министра", "министра", "главы",    "лидера",  0};
  size_t s0 = ig_sent_start(d, i), a = i > s0 + 80 ? i - 80 : s0;
  for (int k = 0; azInstead[k]; k++) {
    size_t n = strlen(azInstead[k]), x, last = SIZE_MAX;
    for (x = ig_find(d, a, azInstead[k]); x < i; x = ig_find(d, x + 1, azInstead[k]))
      if (!gz_letter_before(d->zLo, x)) last = x;
    if (last == SIZE_MAX) continue;
    bool bOk = true;
    for (size_t p = last + n; p < i && bOk;) {
      if (!gz_letter_at(d->z, d->n, p)) {
        bOk = d->z[p] == ' ';
        p++;
        continue;
      }
      size_t w = ig_word_end(d, p);
      if (w <= p) break;
      bool bFree = ig_upper_at(d, p);
      for (int r = 0; azRole[r] && !bFree; r++)
        bFree = w - p == strlen(azRole[r]) && memcmp(d->zLo + p, azRole[r], w - p) == 0;
      bOk = bFree;
      p = w;
    }
    if (bOk) return true;
  }
  return false;
}

/* Is the party mention a place rather than a party attending ("an
** ambassador in Turkmenistan", "arrived in Tajikistan", "from Russia")? */
static bool locative(const Doc *d, const Mention *m) {
  /* ... or the one another came instead of */
  if (person_mention(d, m) && instead_of(d, m->i)) return true;
  /* ("left for Moscow to attend", "departed for Minsk": where one went) */
  static const char *const az[] = {
      "in ", "to ", "from ", "at ", "в ", "во ", "из ", "на ", "по ", "для ", "in the ", "to the ",
      "from the ", "left for ", "leaves for ", "leave for ", "leaving for ", "departed for ",
      "headed for ",
      /* «посетит Душанбе с рабочим визитом и также примет
      ** участие в саммите»: a city visited */
      "посетит ", "посетил ", "посетила ", "visited ", "will visit ", 0};
  /* "Russian-language", "Russian-led", "Kazakh-based": an adjective of a
  ** compound is no party */
  if (m->e + 2 < d->n && d->z[m->e] == '-' && d->zLo[m->e + 1] >= 'a' && d->zLo[m->e + 1] <= 'z')
    return true;
  /* "in Astana, Kazakhstan", "Minsk, Belarus": the city's country, by its
  ** name ("in Minsk, Russian Foreign Minister NAME said" is a party's) */
  /* ... or by its long name after "the" ("held in Anapa, the Russian
  ** Federation", "in Minsk, the Republic of Belarus"; not "in Minsk, the
  ** Russian Foreign Minister") */
  size_t c0 = m->i;
  if (c0 >= 12 && memcmp(d->zLo + c0 - 12, "republic of ", 12) == 0) c0 -= 12;
  if (c0 >= 6 && memcmp(d->zLo + c0 - 6, ", the ", 6) == 0 &&
      !(m->e + 1 < d->n && d->z[m->e] == ' ' && ig_upper_at(d, m->e + 1)))
    c0 -= 4;
  else
    c0 = m->i;
  if ((m->p->type == GZ_NAME || c0 != m->i) && c0 >= 2 && d->z[c0 - 1] == ' ' &&
      d->z[c0 - 2] == ',') {
    int q = ig_mention_ending(d, c0 - 2);
    if (q < d->nM) {
      const Mention *c = &d->aM[d->aByEnd[q]];
      if (c->e == c0 - 2 && (c->p->kind == GZ_CITY || c->p->type == GZ_CAPITAL)) return true;
    }
  }
  /* "Saint Petersburg [(Russia)]", «в Минске (Беларусь)», "Bishkek (the
  ** Kyrgyz Republic)": a country in brackets right after a city is where
  ** the city is */
  size_t b = m->i;
  if (b >= 4 && memcmp(d->zLo + b - 4, "the ", 4) == 0) b -= 4;
  if (b >= 1 && d->z[b - 1] == '(') {
    b--;
    if (b >= 1 && d->z[b - 1] == '[') b--;
    if (b >= 1 && d->z[b - 1] == ' ') b--;
    int q = ig_mention_ending(d, b);
    if (b > 0 && q < d->nM) {
      const Mention *c = &d->aM[d->aByEnd[q]];
      if (c->e == b && (c->p->kind == GZ_CITY || c->p->type == GZ_CAPITAL)) return true;
    }
  }
  /* "a welcome to Moldovan President NAME": an English adjective before a
  ** capitalized word is a person's, not a place */
  if (m->p->type == GZ_ALIAS && (unsigned char)d->z[m->i] < 0x80 && m->e + 1 < d->n &&
      d->z[m->e] == ' ' && ig_upper_at(d, m->e + 1))
    return false;
  /* people "from" a party are its own ("his counterparts from Kazakhstan",
  ** "delegations from Armenia") */
  static const char *const azOwn[] = {"counterparts from ", "colleagues from ", "leaders from ",
                                      "delegations from ", "delegation from ",
                                      /* "Defense Ministers from Armenia, ..." */
                                      "ministers from ", "minister from ", "representatives from ",
                                      "officials from ", 0};
  if (ig_ends_before(d, m->i, azOwn, false)) return false;
  /* "The Kyrgyz city of Cholpon-Ata hosts the meeting", "the Belarusian
  ** capital": a party's adjective qualifying a place names the place */
  static const char *const azPlace[] = {
      " city of ", " town of ", " resort of ", " village of ", " capital ", " capital,", 0};
  for (int k = 0; m->p->type == GZ_ALIAS && azPlace[k]; k++) {
    size_t n = strlen(azPlace[k]);
    if (m->e + n <= d->n && memcmp(d->zLo + m->e, azPlace[k], n) == 0) return true;
  }
  /* "flew to the capital of Tajikistan", «прилетел в столицу Таджикистана»:
  ** the party whose capital it is names a place, not one who came */
  static const char *const azCapitalOf[] = {
      "capital of ", "capital of the ", "столицу ", "столице ", "столицы ", "столица ", 0};
  if (ig_ends_before(d, m->i, azCapitalOf, true)) return true;
  return ig_ends_before(d, m->i, az, true);
}

/* Between a role and its name, at most two lower-case words that are not
** "of", "the", a party's or «государства», «республики» ("President of the
** Republic of Armenia NAME", «Глава молдавского государства NAME"); more,
** and the name is someone else's ("The Russian leader extended a welcome
** to Moldovan President NAME"). */
static bool role_reaches(const Doc *d, size_t s, size_t e) {
  static const char *const azFree[] = {
      "of", "the", "государства", "республики", "страны", "председателя", "кабинета", "министров",
      "правительства", "cabinet", "ministers",
      /* a military rank between a minister and his name («министр обороны
      ** Азербайджана генерал-полковник NAME», "Colonel-General NAME") */
      "обороны", "генерал", "генерала", "полковник", "полковника", "лейтенант", "лейтенанта",
      "майор", "майора", "армии", "general", "colonel", "lieutenant", 0};
  int nOther = 0;
  size_t p = ig_word_end(d, s); /* the rest of the role's word ("заместител|ь") */
  while (p < e && nOther <= 2) {
    if (!gz_letter_at(d->z, d->n, p)) {
      p++;
      continue;
    }
    size_t w = ig_word_end(d, p);
    if (w <= p) {
      p++;
      continue;
    }
    bool bFree = ig_upper_at(d, p);
    for (int k = 0; azFree[k] && !bFree; k++)
      bFree = w - p == strlen(azFree[k]) && memcmp(d->zLo + p, azFree[k], w - p) == 0;
    if (!bFree) {
      int k = ig_mention_from(d, p);
      bFree = k < d->nM && d->aM[k].i == p;
    }
    if (!bFree) nOther++;
    p = w;
  }
  return nOther <= 2;
}

/* The end of the word of a name at q (letters and hyphens), at most e. */
static size_t name_word_end(const Doc *d, size_t q, size_t e) {
  while (q < e &&
         (gz_letter_at(d->z, d->n, q) || d->z[q] == '-' || ((unsigned char)d->z[q] & 0xC0) == 0x80))
    q++;
  return q;
}

/* A name of at least two capitalized words in [s, e): the last two words
** of the first such run not ending in a gazetteer name; false if none. */
static bool name_in(const Doc *d, size_t s, size_t e, size_t *pi, size_t *pe) {
  size_t p = s;
  if (e > s + 200) e = s + 200; /* a name is near its role: read no more */
  while (p < e) {
    if (!ig_upper_at(d, p) || gz_letter_before(d->z, p)) {
      p++;
      continue;
    }
    size_t aW[8][2];
    int nW = 0;
    size_t q = p;
    while (nW < 8 && q < e && ig_upper_at(d, q)) {
      size_t r = name_word_end(d, q, e);
      aW[nW][0] = q;
      aW[nW][1] = r;
      nW++;
      /* an initial ("G. Myradov", «А. Лукашенко», «И.Алиев» run into the
      ** surname) is a word of the name: one letter (one byte, or two in
      ** Cyrillic) and a full stop */
      /* ... or two Latin letters ("Kh. Geldimyradov") */
      bool bInitial = (r == q + 1 || (r == q + 2 && ((unsigned char)d->z[q] & 0xFE) == 0xD0) ||
                       (r == q + 2 && (unsigned char)d->z[q] < 0x80)) &&
                      r + 1 < e && d->z[r] == '.';
      if (bInitial && r + 2 < e && d->z[r + 1] == ' ' && ig_upper_at(d, r + 2)) {
        aW[nW - 1][1] = r + 1;
        q = r + 2;
      } else if (bInitial && ig_upper_at(d, r + 1)) {
        aW[nW - 1][1] = r + 1;
        q = r + 1;
      } else if (r + 1 < e && d->z[r] == ' ' && ig_upper_at(d, r + 1))
        q = r + 1;
      else
        break;
    }
    /* "the Belarusian Foreign Ministry noted": an institution, no name */
    static const char *const azInst[] = {
        "ministry", "office", "service", "committee", "agency", "department", "administration",
        "министерств", "ведомств", "служб",
        /* "Minister of Foreign Affairs", "... and European Integration" */
        "affairs", "integration", 0};
    /* "Deputy Chairman of the Cabinet ... Kh. Geldimyradov": a run ending
    ** in a role's word is the role, the name comes after it */
    static const char *const azRoleEnd[] = {
        "chairman", "chairperson", "minister",   "ministers", "president",
        "premier",  "secretary",   "ambassador", "cabinet",   "government",
        0};
    bool bRole = false;
    for (int k = 0; nW >= 2 && azRoleEnd[k] && !bRole; k++) {
      size_t n = strlen(azRoleEnd[k]);
      bRole = aW[nW - 1][1] - aW[nW - 1][0] == n &&
              memcmp(d->zLo + aW[nW - 1][0], azRoleEnd[k], n) == 0;
    }
    if (nW >= 2 && !bRole) {
      size_t i = aW[nW - 2][0], j = aW[nW - 1][1];
      int k = ig_mention_from(d, j);
      bool bOver = k > 0 && d->aReach[k - 1] > i;
      /* ... but a first name that is also a city's ("Nursultan Nazarbayev"):
      ** the only mention, the first word exactly */
      if (bOver) {
        int c = ig_mention_from(d, i);
        bool bFirst = c < d->nM && d->aM[c].i == i && d->aM[c].e == aW[nW - 2][1] &&
                      d->aM[c].p->kind == GZ_CITY && nW == 2;
        for (int r = c + 1; bFirst && r < d->nM && d->aM[r].i < j; r++) bFirst = false;
        if (bFirst && (c == 0 || d->aReach[c - 1] <= i)) bOver = false;
      }
      if (!bOver && j - i < 90 && !ig_has_any(d, aW[nW - 1][0], j, azInst)) {
        *pi = i;
        *pe = j;
        return true;
      }
    }
    p = nW ? aW[nW - 1][1] : p + 1;
  }
  return false;
}

/* Is there a verb of meeting someone in [i, e)? */
static bool barrier(const Doc *d, size_t i, size_t e) {
  static const char *const az[] = {
      " met ", " meet ", " meets ", "meeting with", "received", "встретил", "встрече с",
      "встречи с", "встречается с", "встречаются с", "встречался с", "встречались с", "принял ",
      "проинформир", "беседовал", "беседе с", "talks with", "переговор", "thanked", "поблагодар",
      " informed ", "telephone conversation", "phone call",
      /* a meeting of some of them, not the session ("holding
      ** a meeting between the foreign ministers of A and B") */
      "meeting between", "телефонн", 0};
  return e > i && ig_has_any(d, i, e, az);
}

/* Does the role at [i, e) fit a body of level zLevel? */
static bool rank_fits(int rank, const char *zLevel) {
  if (rank == RK_ANY) return true; /* "his Belarusian counterpart" */
  if (!zLevel || !*zLevel) return rank != RK_LOWER;
  if (strcmp(zLevel, "heads_of_state") == 0) return rank == RK_HEAD_STATE;
  if (strcmp(zLevel, "heads_of_government") == 0)
    return rank == RK_HEAD_GOV || rank == RK_HEAD_STATE;
  if (strcmp(zLevel, "ministers") == 0) return rank != RK_LOWER;
  return rank != RK_LOWER;
}

typedef struct Found {
  int status; /* 0 present, 1 absent, 2 represented; -1 none */
  bool bPrep; /* said by a word right before ("except", «кроме», «без участия») */
  bool bWeak; /* represented only because a minister is named at a leaders' council */
  bool bHost; /* a head of state greeting a council of lower rank: no delegate's name */
  double conf;
  size_t i, e;     /* the words that say so */
  size_t iBy, eBy; /* the name, or iBy == eBy */
  bool bGen; /* ... in the genitive («президента Кыргызстана Садыра Жапарова») */
  bool bIns; /* ... in the instrumental («с президентом Беларуси Александром Лукашенко») */
  bool bDat; /* ... in the dative («узбекскому премьеру Абдулле Арипову») */
  size_t iRole, eRole; /* the role, or iRole == eRole */
  bool bHedge;         /* "possibly", «возможно» between the party and its predicate */
  bool bSent;          /* absent, and someone sent in its place: not the one named here */
} Found;

/* Is the "except" word h said of those taking part: a word of taking part
** (a present predicate) or "all", «все» within 300 bytes of it in its
** sentence [ss, se)? «кроме» and the bare "without", «без» are read
** otherwise (read_mention). At most 16 predicates are looked at. */
static bool except_of_attendance(const Doc *d, const Hits *pPred, const Hit *h, size_t ss,
                                 size_t se) {
  static const char *const azExcept[] = {"except", "with the exception of", "за исключением", 0};
  bool bExcept = false;
  for (int k = 0; azExcept[k] && !bExcept; k++) {
    size_t n = strlen(azExcept[k]);
    bExcept = h->e - h->i >= n && memcmp(d->zLo + h->i, azExcept[k], n) == 0;
  }
  if (!bExcept) return true;
  size_t a = h->i > ss + 300 ? h->i - 300 : ss, b = h->e + 300 < se ? h->e + 300 : se;
  static const char *const azAll[] = {"all ", "все ", "всех ", 0};
  if (ig_has_any(d, a, b, azAll)) return true;
  for (size_t k = hit_from(pPred, a), x = 0; k < pPred->n && pPred->a[k].i < b && x < 16;
       k++, x++) {
    int kind = pPred->a[k].kind;
    if (kind == PK_PRESENT || kind == PK_PRESENT_PREP || kind == PK_PRESENT_LIST ||
        kind == PK_HOST || kind == PK_REPR)
      return true;
  }
  return false;
}

/* Is [a, b) only parties, commas, "and", «и», spaces and the rest of the
** word at a ("не будет президент|ов Казахстана, Таджикистана и
** Туркмении")? A list too long for the 60 bytes a word "except" reaches. */
static bool list_reaches(const Doc *d, size_t a, size_t b) {
  static const char *const azJoin[] = {"and ", "и ", "or ", "или ", 0};
  size_t p = ig_word_end(d, a);
  /* up to three lower-case words before the first party ("the leaders of",
  ** «президентов») */
  for (int w = 0; w < 3 && p < b; w++) {
    while (p < b && d->z[p] == ' ') p++;
    int q0 = ig_mention_from(d, p);
    if ((q0 < d->nM && d->aM[q0].i == p) || ig_upper_at(d, p) || !gz_letter_at(d->z, d->n, p))
      break;
    p = ig_word_end(d, p);
  }
  int q = ig_mention_from(d, p);
  while (p < b) {
    unsigned char c = (unsigned char)d->z[p];
    if (c == ' ' || c == ',') {
      p++;
      continue;
    }
    while (q < d->nM && d->aM[q].i < p) q++;
    if (q < d->nM && d->aM[q].i == p && d->aM[q].p->kind == GZ_PARTY) {
      p = d->aM[q].e;
      continue;
    }
    bool bJoin = false;
    for (int k = 0; azJoin[k] && !bJoin; k++) {
      size_t n = strlen(azJoin[k]);
      if (p + n <= d->n && memcmp(d->zLo + p, azJoin[k], n) == 0) {
        p += n;
        bJoin = true;
      }
    }
    if (!bJoin) return false;
  }
  return true;
}

/* Is there a quotation mark in [a, b)? */
static bool quote_between(const Doc *d, size_t a, size_t b) {
  static const char *const azQ[] = {"\"", "“", "”", "«", "»", 0};
  return b > a && ig_has_any(d, a, b, azQ);
}

/* Is there a ", а" (but, while; not ", а также", as well as) in [a, b)? */
static bool contrast_between(const Doc *d, size_t a, size_t b) {
  for (size_t x = ig_find(d, a, ", а "); x < b; x = ig_find(d, x + 1, ", а ")) {
    if (strncmp(d->zLo + x + 5, "также", 10) != 0) return true;
  }
  return false;
}

/* Is the list item [is, ie) a source's: a verb of speech after the party
** at e ("..., a senior Russian official announced", "the Russian-language
** newspaper reports")? One who is named ("Russian Foreign Minister NAME
** said") may be at the meeting: read_mention weighs his role. */
static const char *const azSay[] = {" announced", " said",   " says",  " told",    " reported",
                                    " reports",   " stated", " noted", "сообщил",  "сообщает",
                                    "сообщили",   "заявил",  "сказал", "передает", "передаёт",
                                    "отметил",    "пишет",   "пишут",  0};
static bool source_item(const Doc *d, size_t is, size_t ie, size_t e) {
  (void)is;
  return ie > e && ig_has_any(d, e, ie, azSay);
}

/* Is [a, b) only what joins the items of a list (spaces, commas, "and",
** «и»)? */
static bool list_joint(const Doc *d, size_t a, size_t b) {
  if (b < a || b - a > 8) return false;
  for (size_t p = a; p < b;) {
    if (d->z[p] == ' ' || d->z[p] == ',') {
      p++;
    } else if (b - p >= 2 && memcmp(d->zLo + p, "и", 2) == 0 &&
               (p + 2 == b || d->z[p + 2] == ' ')) {
      p += 2;
    } else if (b - p >= 3 && memcmp(d->zLo + p, "and", 3) == 0 &&
               (p + 3 == b || d->z[p + 3] == ' ')) {
      p += 3;
    } else {
      return false;
    }
  }
  return true;
}

/* A name of two or three capitalized words at p, its end in *pe, or 0. */
static bool name_at(const Doc *d, size_t p, size_t e, size_t *pe) {
  int nW = 0;
  size_t q = p;
  while (nW < 3 && q < e && ig_upper_at(d, q)) {
    size_t r = name_word_end(d, q, e);
    if (r == q) break;
    nW++;
    *pe = r;
    if (r + 1 < e && d->z[r] == ' ' && ig_upper_at(d, r + 1))
      q = r + 1;
    else
      break;
  }
  return nW >= 2;
}

/* "Minister of Defense of Azerbaijan, Colonel General Zakir Hasanov left
** for Moscow", "the Chairman of the Government of the Russian Federation,
** NAME, who is ...": the name set off by a comma right after the role's
** party (p, past a military rank) is the role's when a verb, a lower-case
** word, or ", who" follows it; not in a list of names each before its role
** ("..., NAME, Chairman of the Board of ...") nor of names ("NAME and").
** Its span in [*pi, *pe), or false. */
static bool name_set_off(const Doc *d, size_t p, size_t ce, size_t *pi, size_t *pe) {
  static const char *const azRank[] = {"colonel general ",
                                       "lieutenant general ",
                                       "major general ",
                                       "army general ",
                                       "general of the army ",
                                       "general ",
                                       "генерал-полковник ",
                                       "генерал-лейтенант ",
                                       "генерал-майор ",
                                       "генерал армии ",
                                       0};
  if (p + 2 >= ce || d->z[p] != ',' || d->z[p + 1] != ' ') return false;
  size_t q = p + 2;
  for (int k = 0; azRank[k]; k++) {
    size_t n = strlen(azRank[k]);
    if (q + n < ce && strncmp(d->zLo + q, azRank[k], n) == 0) {
      q += n;
      break;
    }
  }
  size_t e;
  if (!name_at(d, q, ce, &e) || e + 2 >= d->n) return false;
  /* no gazetteer name in it ("Prime Minister", a party's) */
  int k = ig_mention_from(d, q);
  if (k < d->nM && d->aM[k].i < e) return false;
  /* not the next item of a list, by its role ("..., President NAME of
  ** Belarus, ...") */
  static const char *const azRole[] = {
      "president ", "prime ",      "minister ",  "chairman ",  "deputy ",
      "first ",     "vice ",       "acting ",    "президент ", "премьер",
      "министр ",   "председател", "заместител", "первый ",    0};
  for (int x = 0; azRole[x]; x++)
    if (strncmp(d->zLo + q, azRole[x], strlen(azRole[x])) == 0) return false;
  static const char *const azAfter[] = {", who ", ", который ", ", которы", 0};
  static const char *const azNotVerb[] = {" and ", " of ", " from ", " и ", 0};
  bool bVerb = d->z[e] == ' ' && !ig_upper_at(d, e + 1) && gz_letter_at(d->z, d->n, e + 1);
  for (int x = 0; azNotVerb[x] && bVerb; x++)
    bVerb = strncmp(d->zLo + e, azNotVerb[x], strlen(azNotVerb[x])) != 0;
  bool bWho = false;
  for (int x = 0; azAfter[x] && !bWho; x++)
    bWho = strncmp(d->zLo + e, azAfter[x], strlen(azAfter[x])) == 0;
  if (!bVerb && !bWho) return false;
  *pi = q;
  *pe = e;
  return true;
}

/* «премьеры Белоруссии, Казахстана и Киргизии - Александр Турчин, Олжас
** Бектенов и Адылбек Касымалиев», "the presidents of Russia and Belarus,
** Vladimir Putin and Alexander Lukashenko": a list of parties and right
** after it a list of as many names, the k-th name the k-th party's. The
** name of m at [*pi, *pe), or false. */
static bool parallel_name(const Doc *d, const Mention *m, size_t ce, size_t *pi, size_t *pe) {
  if (m < d->aM || m >= d->aM + d->nM) return false;
  /* the list's parties, each once (a party may be found twice at one place) */
  int k = (int)(m - d->aM);
  const Mention *aL[16];
  int nL = 0, iM = 0;
  int k0 = k;
  while (k0 > 0 && d->aM[k0 - 1].i == m->i) k0--;
  for (int x = k0 - 1, last = k; x >= 0 && nL < 8; x--) {
    const Mention *a = &d->aM[x];
    if (a->e > d->aM[last].i) continue;
    if (a->p->kind != GZ_PARTY || !list_joint(d, a->e, d->aM[last].i)) break;
    aL[nL++] = a;
    last = x;
  }
  /* reverse into text order, then m, then the ones after it */
  for (int x = 0; x < nL / 2; x++) {
    const Mention *t = aL[x];
    aL[x] = aL[nL - 1 - x];
    aL[nL - 1 - x] = t;
  }
  iM = nL;
  aL[nL++] = m;
  for (int x = k + 1, last = k; x < d->nM && nL < 16; x++) {
    const Mention *a = &d->aM[x];
    if (a->i < d->aM[last].e) continue;
    if (a->p->kind != GZ_PARTY || !list_joint(d, d->aM[last].e, a->i)) break;
    aL[nL++] = a;
    last = x;
  }
  int nParty = nL;
  if (nParty < 2) return false;
  size_t p = aL[nL - 1]->e;
  while (p < ce && (d->z[p] == ' ' || d->z[p] == ',')) p++;
  if (p < ce && d->z[p] == '-')
    p++;
  else if (p + 3 <= ce && (memcmp(d->z + p, "–", 3) == 0 || memcmp(d->z + p, "—", 3) == 0))
    p += 3;
  while (p < ce && d->z[p] == ' ') p++;
  size_t aN[16][2];
  int nName = 0;
  while (nName < 16 && p < ce) {
    size_t e;
    if (!name_at(d, p, ce, &e)) break;
    aN[nName][0] = p;
    aN[nName][1] = e;
    nName++;
    size_t q = e;
    while (q < ce && !ig_upper_at(d, q) && q - e <= 8) q++;
    if (q >= ce || !list_joint(d, e, q) || q == e) break;
    p = q;
  }
  if (nName != nParty) return false;
  *pi = aN[iM][0];
  *pe = aN[iM][1];
  return true;
}

/* Words of telling someone: the one told follows. */
static const char *const azTold[] = {
    "told ",           "informed ",   "notified ",    "assured ",     "conversation with ",
    "call with ",      "talks with ", "разговоре с ", "разговора с ", "беседе с ",
    "проинформировал", "уведомил",    "сообщил ",     "заверил ",     0};

/* Is the one named at i told something: a word of telling within the 80
** bytes before it in its clause (from cs)? */
static bool told_before(const Doc *d, size_t i, size_t cs) {
  return ig_has_any(d, i > cs + 80 ? i - 80 : cs, i, azTold);
}

/* A relative clause (", who ...,", «, который ...,») after another's name
** between the party mention m and the predicate at *ppAfter is that one's:
** the predicate for m is the first after the relative clause ends, in the
** clause [.., ce) ("NAME of Armenia told NAME of Belarus, who will be hosting
** the summit, that he will not attend"). One right after m is m's. */
/* Is there an opening bracket in [a, i) not closed before i, and no closing
** one in [i, e)? (A party at i in brackets that reach past e.) */
static bool in_brackets(const Doc *d, size_t a, size_t i, size_t e) {
  size_t o = SIZE_MAX;
  for (size_t q = a; q < i; q++) {
    if (d->z[q] == '(') o = q;
    if (d->z[q] == ')') o = SIZE_MAX;
  }
  if (o == SIZE_MAX) return false;
  for (size_t q = i; q < e; q++)
    if (d->z[q] == ')') return false;
  return true;
}

static const Hit *past_relative(const Doc *d, const Mention *m, const Hits *pPred,
                                const Hit *pAfter, size_t ce) {
  static const char *const azRel[] = {
      ", who ", ", which ", ", который ", ", которая ", ", которое ", ", которые ", 0};
  size_t r = SIZE_MAX;
  for (int k = 0; azRel[k]; k++) {
    size_t x = ig_find(d, m->e, azRel[k]);
    if (x < pAfter->i && x < r) r = x;
  }
  if (r == SIZE_MAX || r == m->e) return pAfter;
  size_t re = ig_find(d, r + 2, ",");
  if (re >= ce) return 0;
  for (size_t k = hit_from(pPred, re); k < pPred->n && pPred->a[k].e <= ce; k++) {
    int kind = pPred->a[k].kind;
    if (kind != PK_ABSENT_PREP && kind != PK_PRESENT_PREP && kind != PK_PRESENT_LIST &&
        kind != PK_REPR_PREP)
      return &pPred->a[k];
  }
  return 0;
}

/* Reported speech: is the predicate at a past a "that", «что» after the
** party mention m, and said of someone else? The complement's subject is
** its own when it names a party before the predicate ("the Russian
** ambassador said that the Russian Prime Minister would also participate"),
** and the one told is never it ("Pashinyan told President NAME of Belarus
** that he will not attend", «в разговоре с президентом Беларуси NAME
** сообщил, что не примет участие»); the one who tells is ("Pashinyan said
** that he would not attend"). */
static bool reported_of_other(const Doc *d, const Mention *m, size_t cs, size_t a) {
  static const char *const azThat[] = {" that ", ", что ", " что ", 0};
  size_t t = SIZE_MAX;
  for (int k = 0; azThat[k]; k++) {
    size_t x = ig_find(d, m->e, azThat[k]);
    if (x < a && x < t) t = x;
  }
  if (t == SIZE_MAX) return false;
  for (int q = ig_mention_from(d, t), x = 0; q < d->nM && d->aM[q].i < a && x < 16; q++, x++)
    if (d->aM[q].p->kind == GZ_PARTY) return true;
  return told_before(d, m->i, cs);
}

/* The bytes of a dash set off by spaces at i (" – ", " — ", " - "), or 0. */
static size_t dash_after(const Doc *d, size_t i) {
  static const char *const az[] = {" – ", " — ", " - ", 0};
  for (int k = 0; az[k]; k++) {
    size_t n = strlen(az[k]);
    if (i + n <= d->n && memcmp(d->z + i, az[k], n) == 0) return n - 1;
  }
  return 0;
}

/* The end of the word "Republic" right after a party's adjective at i
** ("the Kyrgyz Republic – A. Zhaparov"), or i. */
static size_t republic_after(const Doc *d, size_t i) {
  return i + 9 <= d->n && memcmp(d->zLo + i, " republic", 9) == 0 &&
                 !gz_letter_at(d->zLo, d->n, i + 9)
             ? i + 9
             : i;
}

/* Does a year follow within 14 bytes of i ("Kyrgyzstan in 2023", "this
** year", «в 2023 году»)? */
static bool year_after(const Doc *d, size_t i, size_t se) {
  static const char *const az[] = {" in 19",      " in 20", "this year", "next year", " в 20",
                                   "в этом году", 0};
  size_t b = i + 14 < se ? i + 14 : se;
  return b > i && ig_has_any(d, i, b, az);
}

static const char *const azChair[] = {"chaired", "presided", "chairmanship", "presidency", 0};
static const char *const azAfterAbsent[] = {" with ",    " due to ",  " over ",
                                            " because ", " against ", 0};

/* Does the sentence from ss open with a phrase of addition ("Besides", "In
** addition to", «Помимо», «Кроме того,» excluded) that reaches i? */
static bool besides_before(const Doc *d, size_t ss, size_t i) {
  static const char *const az[] = {"besides ", "in addition to ", "помимо ", 0};
  while (ss < i && (d->z[ss] == ' ' || d->z[ss] == '\n')) ss++;
  for (int k = 0; az[k]; k++) {
    size_t n = strlen(az[k]);
    if (ss + n <= i && i - ss <= 60 && memcmp(d->zLo + ss, az[k], n) == 0 &&
        !memchr(d->z + ss, ',', i - ss))
      return true;
  }
  return false;
}

/* Does a predicate of this kind say something of the parties after it only? */
static bool prep_kind(int kind) {
  return kind == PK_ABSENT_PREP || kind == PK_PRESENT_PREP || kind == PK_PRESENT_LIST ||
         kind == PK_REPR_PREP;
}

/* Words of a deal between two leaders ("an agreement signed with President
** NAME of Azerbaijan, mediated by President NAME of the USA"): no list of
** those at the session. */
static const char *const azDeal[] = {"соглашение с", "agreement with", "посредничеств",
                                     "mediat",       "подписано",      0};

static const char *const azBetween[] = {" between ", " между ", 0};

/* Words saying that attendance is not known yet. */
static const char *const azUnconfirmed[] = {"не подтвержд",
                                            "не подтвердил",
                                            "not confirmed",
                                            "not yet confirmed",
                                            "unconfirmed",
                                            "yet to confirm",
                                            0};

/* A role sent in one's place after an absence verb ending at a, within the
** clause ending at ce: «направив вместо себя премьер-министров», "sending
** their prime ministers instead", or NULL. */
static const Hit *sent_instead(const Doc *d, const Hits *pRole, size_t a, size_t ce) {
  static const char *const azSend[] = {"вместо себя", "направив", "sending", "sent", 0};
  static const char *const azInstead[] = {"вместо себя", "instead", 0};
  size_t b = a + 120 < ce ? a + 120 : ce;
  if (b <= a || !ig_has_any(d, a, b, azSend) || !ig_has_any(d, a, b, azInstead)) return 0;
  size_t r = hit_from(pRole, a);
  return r < pRole->n && pRole->a[r].i < b ? &pRole->a[r] : 0;
}

/* Is [s, e) only capitalized words, "of", "the", a Russian role's word,
** spaces (the words of a title before a name)? */
static bool title_only(const Doc *d, size_t s, size_t e) {
  for (size_t p = s; p < e;) {
    if (d->z[p] == ' ') {
      p++;
      continue;
    }
    size_t w = ig_word_end(d, p);
    if (w <= p) return false;
    static const char *const azRu[] = {"председател",  "заместител", "глав", "министр",
                                       "вице-премьер", "премьер",    0};
    bool bRu = false;
    for (int k = 0; azRu[k] && !bRu; k++)
      bRu = w - p >= strlen(azRu[k]) && memcmp(d->zLo + p, azRu[k], strlen(azRu[k])) == 0;
    bool bOk = bRu || ig_upper_at(d, p) || (w - p == 2 && memcmp(d->zLo + p, "of", 2) == 0) ||
               (w - p == 3 && memcmp(d->zLo + p, "the", 3) == 0) ||
               (w - p == 2 && memcmp(d->zLo + p, "by", 2) == 0);
    if (!bOk) return false;
    p = w;
  }
  return true;
}

/* Is h the head of a list of parties by their leaders' or delegates' role
** («президенты», «лидеры», "the presidents of", "the leaders of")? */
static bool role_head(const Doc *d, const Hit *h) {
  static const char *const azHead[] = {"leaders of",
                                       "presidents of",
                                       "heads of state of",
                                       "prime ministers of",
                                       "heads of government of",
                                       "foreign ministers of",
                                       "defence ministers of",
                                       "defense ministers of",
                                       "delegations of",
                                       "delegations from",
                                       0};
  if (h->kind == PK_PRESENT_LIST) return true;
  if (h->kind != PK_PRESENT_PREP) return false;
  for (int k = 0; azHead[k]; k++)
    if (h->e - h->i == strlen(azHead[k]) && memcmp(d->zLo + h->i, azHead[k], h->e - h->i) == 0)
      return true;
  return false;
}

/* Does the list of parties after a head ending at a reach b, past up to
** three lower-case words with no punctuation after its last party («на
** саммит», «в Минск», "to Minsk")? */
static bool list_then_verb(const Doc *d, size_t a, size_t b) {
  if (list_reaches(d, a, b)) return true;
  /* the last party before b, after a */
  int q = ig_mention_from(d, a), last = -1;
  for (; q < d->nM && d->aM[q].e <= b; q++)
    if (d->aM[q].p->kind == GZ_PARTY && d->aM[q].p->type != GZ_CAPITAL) last = q;
  if (last < 0 || !list_reaches(d, a, d->aM[last].e)) return false;
  size_t p = d->aM[last].e;
  q = last + 1;
  for (int w = 0; p < b; w++) {
    while (p < b && d->z[p] == ' ') p++;
    if (p >= b) break;
    if (w == 3 || !gz_letter_at(d->zLo, d->n, p)) return false;
    /* ... a city among them («в Минск не приехали») */
    while (q < d->nM && d->aM[q].i < p) q++;
    if (q < d->nM && d->aM[q].i == p &&
        (d->aM[q].p->type == GZ_CAPITAL || d->aM[q].p->kind == GZ_CITY)) {
      p = d->aM[q].e;
      continue;
    }
    if (ig_upper_at(d, p)) return false;
    p = ig_word_end(d, p);
  }
  return true;
}

/* Are the bytes from e to i, between a verb and a list's head, a few words
** with no punctuation («не участвуют президенты», «отсутствовать будут
** президенты», «не участвуют в саммите президенты»)? */
static bool verb_before_head(const Doc *d, size_t e, size_t i) {
  if (i < e || i - e > 24) return false;
  for (size_t q = e; q < i; q++)
    if (strchr(",.;:!?()\n", d->z[q])) return false;
  return true;
}

/* The status of one party mention m in its clause, or false. */
static bool read_mention(const Doc *d, const Mention *m, const char *zLevel, const Hits *pPred,
                         const Hits *pRole, const Hits *pClause, const Hits *pItem, Found *f) {
  size_t ss = ig_sent_start(d, m->i), se = ig_sent_end(d, m->i), cs, ce, is, ie;
  bounds(pClause, m->i, m->e, ss, se, &cs, &ce);
  bounds(pItem, m->i, m->e, cs, ce, &is, &ie);
  /* The nearest predicate in the clause. */
  const Hit *pBefore = 0, *pAfter = 0;
  size_t k = hit_from(pPred, m->i);
  if (k > 0 && pPred->a[k - 1].i >= cs && pPred->a[k - 1].e <= m->i) pBefore = &pPred->a[k - 1];
  size_t k2 = hit_from(pPred, m->e);
  /* ... past words that say something of the parties after them only
  ** ("NAME of Moldova, as the head of the observer state, and NAME of
  ** Tajikistan will also be at the meeting") */
  while (k2 < pPred->n && pPred->a[k2].e <= ce && prep_kind(pPred->a[k2].kind)) k2++;
  if (k2 < pPred->n && pPred->a[k2].e <= ce) pAfter = &pPred->a[k2];
  /* "except Armenia": only what follows closely, with nothing but other
  ** parties, commas and "and" between. */
  if (pBefore && (pBefore->kind == PK_ABSENT_PREP || pBefore->kind == PK_REPR_PREP)) {
    size_t gap = m->i - pBefore->e;
    if (gap > 60 && !list_reaches(d, pBefore->e, m->i)) pBefore = 0;
    /* a bare "without", «без» only right before the party ("met in Minsk
    ** without Armenia", «без Армении») */
    if (pBefore &&
        ((pBefore->e - pBefore->i == 8 && memcmp(d->zLo + pBefore->i, "without ", 8) == 0) ||
         (pBefore->e - pBefore->i == 7 && memcmp(d->zLo + pBefore->i, "без ", 7) == 0)) &&
        gap != 0)
      pBefore = 0;
    /* «кроме» is "except" after «все» («прибыли все главы, кроме ...»),
    ** else "besides" («Кроме России, в заседании участвовали ...») */
    static const char *const azAll[] = {"все ", "всех ", 0};
    /* ... and the parties it names are said neither to take part nor to
    ** be absent («Кроме президентов Белоруссии и Узбекистана, президенты
    ** России и Армении подтвердили участие»: the first two have not) */
    if (pBefore && pBefore->e - pBefore->i == 10 && memcmp(d->zLo + pBefore->i, "кроме", 10) == 0 &&
        !ig_has_any(d, pBefore->i > 80 && pBefore->i - 80 > ss ? pBefore->i - 80 : ss, pBefore->i,
                    azAll))
      return false;
    /* "except (for)", «за исключением» tell who is left out of those said
    ** to take part ("all took part, except for Ukraine"): with no word of
    ** taking part near them ("they will start leaving Dushanbe, except for
    ** Lukashenko") they say nothing of attendance */
    if (pBefore && !except_of_attendance(d, pPred, pBefore, ss, se)) pBefore = 0;
  }
  /* a list of leaders with their roles and names may be long: ten items
  ** of 60 bytes each */
  if (pBefore && pBefore->kind == PK_PRESENT_PREP && m->i - pBefore->e > 800) pBefore = 0;
  /* "The CIS will be chaired by Kyrgyzstan in 2023": a chairmanship of a
  ** year, not of the meeting */
  if (pBefore && pBefore->kind == PK_PRESENT_PREP && year_after(d, m->e, se) &&
      ig_has_any(d, pBefore->i, pBefore->e, azChair))
    pBefore = 0;
  /* "Turkmenistan's president skipped the event due to disagreements with
  ** Tajikistan": after an English verb of absence, a party after "with",
  ** "due to", "over" is no subject of it */
  if (pBefore && pBefore->kind == PK_ABSENT && (unsigned char)d->zLo[pBefore->i] < 0x80 &&
      ig_has_any(d, pBefore->e, m->i, azAfterAbsent))
    pBefore = 0;
  /* ... and a list's head that does not reach the party gives way to the
  ** predicate before it («принимают участие президенты России, ...») */
  while (pBefore && pBefore->kind == PK_PRESENT_LIST && !list_reaches(d, pBefore->e, m->i))
    pBefore = pBefore > pPred->a && pBefore[-1].i >= cs ? pBefore - 1 : 0;
  /* ... and one right after a verb of absence is that verb's subject («в
  ** нем не участвуют президенты Украины, Грузии, Армении и Туркменистана»,
  ** «Отсутствовать будут Президенты Молдавии и Узбекистана») */
  if (pBefore && role_head(d, pBefore) && pBefore > pPred->a && pBefore[-1].i >= cs &&
      pBefore[-1].kind == PK_ABSENT && verb_before_head(d, pBefore[-1].e, pBefore->i))
    pBefore--;
  if (pAfter && (pAfter->kind == PK_ABSENT_PREP || pAfter->kind == PK_PRESENT_PREP ||
                 pAfter->kind == PK_PRESENT_LIST || pAfter->kind == PK_REPR_PREP))
    pAfter = 0;
  /* «не подтверждено участие президента Украины», "Ukraine's participation
  ** has not been confirmed": nothing is said of the party */
  if (ig_has_any(d, cs, ce, azUnconfirmed)) return false;
  /* "a meeting between the foreign ministers of Armenia and Azerbaijan": the
  ** parties of a meeting between some of them are of that meeting */
  if (ig_has_any(d, m->i > cs + 60 ? m->i - 60 : cs, m->i, azBetween)) return false;
  /* "Besides Armenian Prime Minister NAME, presidents of Russia, ... are
  ** participating" («Помимо NAME, ...»): the party of a phrase of addition
  ** opening the sentence does what the rest of it says */
  if (!pBefore && !pAfter && besides_before(d, ss, m->i)) {
    for (size_t q = hit_from(pPred, m->e); q < pPred->n && pPred->a[q].e <= se; q++)
      if (pPred->a[q].kind == PK_PRESENT || pPred->a[q].kind == PK_ABSENT) {
        pAfter = &pPred->a[q];
        ce = se;
        break;
      }
  }
  /* «семи стран – Беларуси, Армении ..., а Азербайджан и Туркменистан
  ** представят замминистры»: a verb after ", а" (but, while) is said of
  ** what follows it only; before it, the verb before still reaches
  ** («Туркменистан представлял NAME, Молдову — премьер-министр, а Украину
  ** — посол») */
  if (pAfter) pAfter = past_relative(d, m, pPred, pAfter, ce);
  if (pAfter && contrast_between(d, m->e, pAfter->i)) pAfter = 0;
  if (pAfter && reported_of_other(d, m, cs, pAfter->i)) pAfter = 0;
  /* "..., a senior Russian official announced", "the Russian-language
  ** newspaper ... reports": a party in the item of a verb of speech, its
  ** predicate in another item, is who tells, not who attends */
  size_t ni0, ne0;
  if (source_item(d, is, ie, m->e) && !name_in(d, m->e, ie, &ni0, &ne0)) {
    const Hit *pNear = pBefore ? pBefore : pAfter;
    if (pNear && (pNear->e <= is || pNear->i >= ie)) return false;
  }
  /* "Uzbekistan's President NAME criticized the decision by his Ukrainian
  ** counterpart not to attend": a predicate after another party of the same
  ** list item is that party's (in a list, "Armenia, Belarus and Russia took
  ** part", each party is an item of its own) */
  if (pAfter) {
    size_t xs, xe;
    bounds(pItem, m->i, m->e, cs, ce, &xs, &xe);
    for (int q = ig_mention_from(d, m->e), x = 0; q < d->nM && d->aM[q].i < pAfter->i && x < 16;
         q++, x++) {
      /* ... not the one told ("NAME told NAME of Kyrgyzstan that he would not
      ** attend": the teller's) */
      if (d->aM[q].p->kind == GZ_PARTY && d->aM[q].i < xe && !locative(d, &d->aM[q]) &&
          !gz_same(d->aM[q].p, m->p) && strcmp(d->aM[q].p->zKey, m->p->zKey) != 0 &&
          !told_before(d, d->aM[q].i, cs)) {
        pAfter = 0;
        break;
      }
    }
  }
  /* "NAME met with the heads of delegations taking part": the one who
  ** meets them is not said to take part. */
  if (pBefore && barrier(d, pBefore->e, m->i)) pBefore = 0;
  /* "NAME said at the meeting that Armenia ...": what was said is not who
  ** said it */
  if (pBefore && pBefore->kind == PK_SAID) pBefore = 0;
  /* "..., сообщил постпред России при ОДКБ NAME", "..., said the Russian
  ** envoy": a party right after a verb of speech that follows the
  ** predicate is the source of what was said, not its subject */
  if (pBefore && m->i > pBefore->e &&
      ig_has_any(d, m->i > pBefore->e + 50 ? m->i - 50 : pBefore->e, m->i, azSay))
    pBefore = 0;
  if (pAfter && barrier(d, m->e, pAfter->i)) pAfter = 0;
  /* «соберутся 11 глав государств (Украину, где ..., будет представлять
  ** министр иностранных дел)», "(Ukraine will be represented by ...)": a
  ** party in brackets with its own predicate there is that predicate's */
  if (pBefore && pAfter && in_brackets(d, pBefore->e, m->i, pAfter->e)) pBefore = 0;
  /* "“Our Armenian colleagues have declined to participate,” NAME, Russia’s
  ** ambassador, told ...": a negation inside a quotation says nothing of a
  ** party outside it */
  if (pBefore && pBefore->kind == PK_ABSENT && quote_between(d, pBefore->e, m->i)) pBefore = 0;
  if (pAfter && pAfter->kind == PK_ABSENT && quote_between(d, m->e, pAfter->i)) pAfter = 0;
  /* «Президенты Казахстана и Таджикистана отказались от участия»: a list's
  ** head as the subject says what its verb right after the list says */
  if (pBefore && pBefore->kind == PK_PRESENT_LIST && pAfter && pAfter->kind != PK_GREET &&
      list_reaches(d, pBefore->e, pAfter->i))
    pBefore = 0;
  /* ... and so does a head of roles ("The presidents of Ukraine and Moldova
  ** did not attend"), and either one with a few words between the list and
  ** a verb of absence or representation at the clause's end («Президенты
  ** Украины и Молдовы на саммит не приехали») */
  if (pBefore && role_head(d, pBefore) && pAfter &&
      (pAfter->kind == PK_ABSENT || pAfter->kind == PK_REPR) &&
      list_then_verb(d, pBefore->e, pAfter->i))
    pBefore = 0;
  const Hit *pPr = 0;
  /* "all but Ukraine and Moldova will be represented" («большинство стран,
  ** за исключением Украины и Молдовы, будут представлены»): the parties of
  ** an "except" or "instead of" are set apart from the verb after them,
  ** however near it is */
  /* ... but not a party that is the subject of the verb right after it,
  ** the "except" reaching it through no list («за исключением белорусской
  ** стороны, Минск представлял замглавы МИД NAME») */
  if (pBefore && (pBefore->kind == PK_ABSENT_PREP || pBefore->kind == PK_REPR_PREP) && pAfter &&
      (pAfter->kind == PK_REPR || pAfter->kind == PK_PRESENT) && pAfter->i <= m->e + 1 &&
      !list_reaches(d, pBefore->e, m->i))
    pBefore = 0;
  if (pBefore && (pBefore->kind == PK_ABSENT_PREP || pBefore->kind == PK_REPR_PREP)) pAfter = 0;
  if (pBefore && pAfter)
    pPr = m->i - pBefore->e <= pAfter->i - m->e ? pBefore : pAfter;
  else
    pPr = pBefore ? pBefore : pAfter;
  /* The role in the item (the last before the party, else the first after
  ** it: "Премьер-министр NAME встретил участников - премьер-министров
  ** России"), else one heading the list it is in. */
  const Hit *pR = 0;
  for (size_t r = hit_from(pRole, is); r < pRole->n && pRole->a[r].i < ie; r++) {
    if (!pR || pRole->a[r].i < m->i) pR = &pRole->a[r];
    if (pRole->a[r].i >= m->i) break;
  }
  /* ... not one outside the brackets the party is in («11 глав государств
  ** (Украину будет представлять министр ...)») */
  if (pR && pR->e <= m->i && in_brackets(d, pR->e, m->i, m->e)) pR = 0;
  /* ... nor the role of the one another came instead of («Вместо президента
  ** NAME Азербайджан представлял премьер-министр NAME») */
  static const char *const azInsteadOf[] = {"instead of ", "вместо ", 0};
  if (pR && pR->i < m->i && ig_ends_before(d, pR->i, azInsteadOf, true)) pR = 0;
  bool bOwnRole = pR != 0;
  size_t eName = ie; /* where the representative's name may end */
  /* "Uzbekistan will be represented by a permanent member of the council,
  ** Foreign Minister NAME" («Узбекистан ... представит постоянный член
  ** совета, министр иностранных дел NAME»): the role after the verb, in the
  ** next item */
  /* ... and a delegation's head named by role after "headed by" ("the
  ** delegation of Uzbekistan, Kyrgyzstan and Turkmenistan will be headed by
  ** first deputy premiers": every party of the list before) */
  static const char *const azHeaded[] = {"headed by", "led by", 0};
  if (!pR && pPr && pPr == pAfter &&
      (pPr->kind == PK_REPR ||
       (pPr->kind == PK_PRESENT && ig_has_any(d, pPr->i, pPr->e, azHeaded)))) {
    size_t lim = pPr->e + 160 < ce ? pPr->e + 160 : ce;
    size_t r = hit_from(pRole, pPr->e);
    if (r < pRole->n && pRole->a[r].i < lim) {
      pR = &pRole->a[r];
      bOwnRole = true;
      eName = ce;
    }
  }
  if (!pR) {
    size_t r0 = hit_from(pRole, m->i);
    /* ... not across ", а" («главы МИД Беларуси и России, а Азербайджан
    ** представят замминистры») */
    if (r0 > 0 && pRole->a[r0 - 1].i >= cs && !contrast_between(d, pRole->a[r0 - 1].e, m->i)) {
      const Hit *h = &pRole->a[r0 - 1];
      /* it heads a list: the first party after it comes within 25 bytes,
      ** with no capital letter between */
      int q = ig_mention_from(d, h->e);
      for (int x = 0; q < d->nM && d->aM[q].p->kind != GZ_PARTY && x < 16; x++) q++;
      if (q < d->nM && d->aM[q].p->kind != GZ_PARTY) q = d->nM;
      bool bHeads = q < d->nM && d->aM[q].i <= h->e + 25;
      /* ... but the word "Republic" of its name («Премьер-министры
      ** Республики Казахстан NAME и Республики Беларусь NAME») */
      size_t xEnd = q < d->nM ? d->aM[q].i : 0;
      static const char *const azRep[] = {"республики ", "republic of ", "the republic of ", 0};
      for (int w = 0; bHeads && azRep[w]; w++) {
        size_t nR = strlen(azRep[w]);
        if (xEnd >= h->e + nR && memcmp(d->zLo + xEnd - nR, azRep[w], nR) == 0) {
          xEnd -= nR;
          break;
        }
      }
      for (size_t x = h->e; bHeads && q < d->nM && x < xEnd; x++)
        if (ig_upper_at(d, x)) bHeads = false;
      if (bHeads) pR = h;
    }
  }
  memset(f, 0, sizeof(*f));
  f->status = -1;
  bool bList = false;
  if (!pPr) {
    /* A list of leaders without a verb: the party's own role and a name. */
    size_t ni, ne;
    if (!bOwnRole || pR->kind == RK_LOWER || !rank_fits(pR->kind, zLevel) ||
        !name_in(d, pR->e, ie, &ni, &ne))
      return false;
    /* ... and another item of the clause like it */
    /* two are enough; look no further than 16 of each */
    size_t nRoles = 0;
    int nParty = 0;
    for (size_t q = hit_from(pRole, cs); q < pRole->n && pRole->a[q].i < ce && nRoles < 2; q++)
      nRoles++;
    for (int q = ig_mention_from(d, cs), x = 0;
         q < d->nM && d->aM[q].i < ce && nParty < 2 && x < 16; q++, x++)
      nParty += d->aM[q].p->kind == GZ_PARTY && !locative(d, &d->aM[q]);
    /* ... and no one told something ("NAME of Armenia told NAME of
    ** Kyrgyzstan that ...": two people, no list) */
    if (nRoles < 2 || nParty < 2 || barrier(d, cs, ce) || ig_has_any(d, cs, ce, azTold) ||
        ig_has_any(d, cs, ce, azDeal))
      return false;
    bList = true;
  }
  int kind = pPr ? pPr->kind : PK_PRESENT;
  if (kind == PK_PRESENT_PREP || kind == PK_PRESENT_LIST || kind == PK_SAID) kind = PK_PRESENT;
  bool bGreet = kind == PK_GREET;
  if (bGreet) {
    if (pR && pR->kind != RK_HEAD_STATE && pR->kind != RK_HEAD_GOV) {
      pR = 0;
      bOwnRole = false;
    }
    /* ... and a head of state greeting a council of lower rank («Перед
    ** встречей делегации поприветствовал президент Армении NAME» at the
    ** heads of government) is the host, not his party's delegate: no name */
    if (pR && pR->kind == RK_HEAD_STATE && zLevel && strcmp(zLevel, "heads_of_state") != 0) {
      pR = 0;
      bOwnRole = false;
      f->bHost = true;
    }
    kind = PK_PRESENT;
  }
  int rank = pR ? pR->kind : -1;
  if (kind == PK_HOST) {
    /* the ones welcomed, listed after it, take part; the one welcoming
    ** them, before it, only when his role fits the body */
    bool bFits = zLevel && ((strcmp(zLevel, "heads_of_state") == 0 && rank == RK_HEAD_STATE) ||
                            (strcmp(zLevel, "heads_of_government") == 0 && rank == RK_HEAD_GOV) ||
                            (strcmp(zLevel, "ministers") == 0 && rank == RK_MINISTER));
    if (pPr == pAfter && (!bOwnRole || !bFits)) return false;
    kind = PK_PRESENT;
  }
  int st;
  if (kind == PK_ABSENT || kind == PK_ABSENT_PREP)
    st = 1;
  else if (kind == PK_REPR_PREP)
    st = 2;
  else if (bGreet)
    st = 0;
  else if (rank == RK_LOWER)
    st = 2;
  else if (kind == PK_REPR)
    st = rank >= 0 && rank_fits(rank, zLevel) ? 0 : 2;
  else if (rank == RK_MINISTER && zLevel &&
           (strcmp(zLevel, "heads_of_state") == 0 || strcmp(zLevel, "heads_of_government") == 0))
    st = 2;
  /* a prime minister at a heads-of-state council, as a minister: he stands
  ** for his president ("Azerbaijan's Prime Minister NAME attended"); but
  ** not one the registry records leading his party there (gz_pm_leads:
  ** Armenia's, since 2018) */
  else if (rank == RK_HEAD_GOV && zLevel && strcmp(zLevel, "heads_of_state") == 0 &&
           !gz_pm_leads(d->g, m->p->zKey))
    st = 2;
  else
    st = 0;
  /* "NAME and NAME declined, sending their prime ministers instead"
  ** («отказались от участия, направив вместо себя премьер-министров»): the
  ** ones absent are represented by the role sent */
  bool bSent = false;
  if (st == 1 && pPr == pAfter) {
    const Hit *pSent = sent_instead(d, pRole, pPr->e, ce);
    if (pSent) {
      bSent = true;
      st = 2;
      kind = PK_REPR;
      pR = pSent;
      bOwnRole = true;
      eName = ce;
    }
  }
  f->status = st;
  f->bWeak = st == 2 && kind != PK_REPR && rank != RK_LOWER;
  f->bSent = bSent;
  /* said right before the party ("except NAME"), or of it as the subject
  ** right before the verb ("NAME will not attend", «NAME не поедет») */
  f->bPrep =
      pPr && ((pPr == pBefore && (pPr->kind == PK_ABSENT_PREP || pPr->kind == PK_REPR_PREP)) ||
              (pPr == pAfter && pPr->kind == PK_ABSENT && pPr->i <= m->e + 1));
  if (bList) {
    f->conf = 0.6;
    f->i = is;
    f->e = ie;
  } else {
    size_t dist = pPr->i >= m->e ? pPr->i - m->e : m->i - pPr->e;
    f->conf = dist <= 80 ? 0.85 : 0.7;
    /* represented only because a minister is named at a leaders' council:
    ** the leader may be there too */
    if (st == 2 && kind != PK_REPR && rank != RK_LOWER) f->conf = 0.6;
    f->i = pPr->i < m->i ? pPr->i : m->i;
    f->e = pPr->e > m->e ? pPr->e : m->e;
    /* "Uzbekistan may be represented by its ambassador", «Узбекистан,
    ** возможно, представит посол»: a hedge between the party and its
    ** predicate says nothing sure (take() lets it override nothing) */
    static const char *const azHedge[] = {"возможно",     "вероятно",     "может быть",  "possibly",
                                          "perhaps",      "probably",     " may ",       " might ",
                                          "не исключено", "not excluded", "possibility", 0};
    size_t hs = pPr->i < m->i ? pPr->e : m->e, he = pPr->i < m->i ? m->i : pPr->i;
    if (he > hs && ig_has_any(d, hs, he, azHedge)) {
      f->bHedge = true;
      f->conf = 0.5;
    }
  }
  if (st != 1 && bOwnRole) {
    f->iRole = pR->i;
    /* the whole word of a role found by its stem («заместител|ь») */
    f->eRole = ig_word_end(d, pR->e);
    /* the role's words as written: up to the name or the item's end */
    size_t ni, ne;
    /* "represented by its Prime Minister, Askar Mamin": after "its", "his",
    ** "her", the name set off by a comma after the role is the role's */
    size_t we0 = ig_word_end(d, pR->e);
    static const char *const azPoss[] = {"its ", "his ", "her ", "their ", 0};
    bool bSetOff = !(name_in(d, pR->e, eName, &ni, &ne) && role_reaches(d, pR->e, ni)) &&
                   ig_ends_before(d, pR->i, azPoss, true) && we0 + 2 < d->n && d->z[we0] == ',' &&
                   d->z[we0 + 1] == ' ' && name_at(d, we0 + 2, ce, &ne) && ne <= ce;
    if (bSetOff) {
      ni = we0 + 2;
      f->iBy = ni;
      f->eBy = ne;
    } else if (pR->i < m->i && name_set_off(d, m->e, ce, &ni, &ne)) {
      f->iBy = ni;
      f->eBy = ne;
    } else if (name_in(d, pR->e, eName, &ni, &ne) && role_reaches(d, pR->e, ni)) {
      f->iBy = ni;
      f->eBy = ne;
      /* a Russian role in the genitive ("президента", "председателя",
      ** "премьер-министра": its word goes on by "а" or "я") puts the name
      ** after it in the genitive too */
      size_t we = ig_word_end(d, pR->e);
      f->bGen = (unsigned char)d->zLo[pR->i] >= 0xD0 &&
                ((we == pR->e + 2 &&
                  (memcmp(d->zLo + pR->e, "а", 2) == 0 || memcmp(d->zLo + pR->e, "я", 2) == 0)) ||
                 (we == pR->e + 4 && memcmp(d->zLo + pR->e, "ов", 4) == 0)); /* "президентов" */
      /* ... but a role of several words is in the case of its first
      ** («первый заместитель министра ... Вепа Хаджиев»: the nominative) */
      size_t wh = ig_word_end(d, pR->i);
      if (f->bGen && wh < pR->e && wh >= pR->i + 2) {
        static const char *const azNom[] = {"ь", "р", "т", "й", 0};
        for (int q = 0; azNom[q]; q++)
          if (memcmp(d->zLo + wh - 2, azNom[q], 2) == 0) f->bGen = false;
      }
      /* ... and so does a preposition that governs the genitive right
      ** before the role («под председательством главы МИД РФ Сергея
      ** Лаврова», «с участием», «при участии», «вместо», «без») */
      static const char *const azGenBefore[] = {
          "председательством ", "участием ", "участии ", "вместо ", "без ", 0};
      if ((unsigned char)d->zLo[pR->i] >= 0xD0 &&
          ig_has_any(d, pR->i > 40 ? pR->i - 40 : 0, pR->i, azGenBefore))
        f->bGen = true;
      /* ... in the instrumental ("президентом", "председателем") */
      f->bIns = (unsigned char)d->zLo[pR->i] >= 0xD0 && we == pR->e + 4 &&
                (memcmp(d->zLo + pR->e, "ом", 4) == 0 || memcmp(d->zLo + pR->e, "ем", 4) == 0);
      /* ... in the dative ("премьеру", "президенту", "председателю"; a role
      ** of one word) */
      f->bDat = (unsigned char)d->zLo[pR->i] >= 0xD0 && !f->bGen && we == pR->e + 2 &&
                ig_word_end(d, pR->i) == we &&
                (memcmp(d->zLo + pR->e, "у", 2) == 0 || memcmp(d->zLo + pR->e, "ю", 2) == 0);
    }
  }
  size_t qi, qe;
  if (st != 1 && f->eBy <= f->iBy && parallel_name(d, m, ce, &qi, &qe)) {
    f->iBy = qi;
    f->eBy = qe;
    /* «президентов России и Белоруссии Владимира Путина и Александра
    ** Лукашенко»: the names in the case of the role heading them */
    if (pR && (unsigned char)d->zLo[pR->i] >= 0xD0) {
      size_t we = ig_word_end(d, pR->e);
      f->bGen = (we == pR->e + 2 &&
                 (memcmp(d->zLo + pR->e, "а", 2) == 0 || memcmp(d->zLo + pR->e, "я", 2) == 0)) ||
                (we == pR->e + 4 && memcmp(d->zLo + pR->e, "ов", 4) == 0);
    }
  } else if (st != 1 && pR && !bOwnRole) {
    /* "the prime ministers of Kazakhstan Bakytzhan Sagintayev, Belarus
    ** Sergei Rumas, ...": the role heads the list, and each item names its
    ** party and, right after it or a dash, its man ("Heads of government of
    ** Azerbaijan – Ali Asadov, Belarus – Roman Golovchenko", «президент
    ** Азербайджана — NAME, Белоруссии — NAME») */
    size_t ni, ne, pi, pe;
    /* ... as the party's item before it does: not "Президенты России и
    ** Белоруссии Владимир Путин и Александр Лукашенко", two lists */
    const Mention *pPrev = 0;
    for (int q = ig_mention_from(d, cs), x = 0; q < d->nM && d->aM[q].i < m->i && x < 32; q++, x++)
      if (d->aM[q].p->kind == GZ_PARTY) pPrev = &d->aM[q];
    size_t me = republic_after(d, m->e), pe0 = pPrev ? republic_after(d, pPrev->e) : 0;
    if (pPrev && name_in(d, me, ie, &ni, &ne) && ni <= me + dash_after(d, me) + 1 &&
        ig_word_end(d, ni) < ne && name_in(d, pe0, m->i, &pi, &pe) &&
        pi <= pe0 + dash_after(d, pe0) + 1) {
      f->iBy = ni;
      f->eBy = ne;
    }
  }
  /* "Turkmenistan was represented by Chairman of the Halk Maslahaty NAME",
  ** "... by NAME, Chairman of ...": no role of the list found with a name,
  ** the first name of two capitalized words after the verb of
  ** representing, with only capitalized words, "of", "the" between */
  if (st == 2 && f->eBy <= f->iBy && pPr->kind == PK_REPR && pPr->i >= m->e) {
    size_t ni, ne;
    static const char *const azTitle[] = {"minister", "security",  "council", "president",
                                          "chairman", "secretary", "министр", 0};
    if (name_in(d, pPr->e, se, &ni, &ne) && ni <= pPr->e + 60 && title_only(d, pPr->e, ni) &&
        !ig_has_any(d, ni, ne, azTitle)) {
      f->iBy = ni;
      f->eBy = ne;
    }
  }
  return true;
}

/* Is the UTF-8 character of 2 bytes at z a Russian vowel (or ь, й)? */
static bool ru_vowel(const char *z) {
  static const char *const az[] = {"а", "е", "ё", "и", "о", "у", "ы", "э", "ю", "я", "ь",
                                   "й", "А", "Е", "И", "О", "У", "Э", "Ю", "Я", 0};
  for (int k = 0; az[k]; k++)
    if (memcmp(z, az[k], 2) == 0) return true;
  return false;
}

/* Is c the first byte of a 2-byte Cyrillic character? */
static bool cyr_lead(char c) {
  return (unsigned char)c == 0xD0 || (unsigned char)c == 0xD1;
}

/* One word of a man's name, z of m bytes copied at zOut, from case c back
** to the nominative; its length there. bFirst: the name's first word, with
** more after it.
** - genitive ("Садыра Жапарова": "Садыр Жапаров", "Сергея": "Сергей"): a
**   final "а" after a consonant goes, a final "я" after a vowel is "й";
** - instrumental (Александром, Путиным, Сергеем): "-ом", "-ым", "-им" go,
**   "-ем" is "-й";
** - dative ("Абдулле Арипову", "Сергею Лаврову"): a final "у" after a
**   consonant goes, "ю" after a vowel is "й", and "е" after a consonant is
**   "а" in a first name (of the first declension).
** Other words are left (Лукашенко, Гурбангулы, Эмомали do not decline). */
static size_t word_nominative(const char *z, size_t m, char *zOut, RuCase c, bool bFirst) {
  if (c == RU_INSTRUMENTAL) {
    if (m < 8 || !cyr_lead(z[m - 6])) return m;
    if (memcmp(z + m - 4, "ом", 4) == 0 || memcmp(z + m - 4, "ым", 4) == 0 ||
        memcmp(z + m - 4, "им", 4) == 0)
      return m - 4;
    if (memcmp(z + m - 4, "ем", 4) == 0) {
      memcpy(zOut + m - 4, "й", 2);
      return m - 2;
    }
    return m;
  }
  if (m < 6 || !cyr_lead(z[m - 2]) || !cyr_lead(z[m - 4])) return m;
  bool bVowelBefore = ru_vowel(z + m - 4);
  const char *zEnd = z + m - 2;
  const char *zDrop = c == RU_GENITIVE ? "а" : "у", *zToY = c == RU_GENITIVE ? "я" : "ю";
  if (memcmp(zEnd, zDrop, 2) == 0 && !bVowelBefore) return m - 2;
  if (memcmp(zEnd, zToY, 2) == 0 && bVowelBefore)
    memcpy(zOut + m - 2, "й", 2);
  else if (c == RU_DATIVE && memcmp(zEnd, "е", 2) == 0 && !bVowelBefore && bFirst)
    memcpy(zOut + m - 2, "а", 2);
  return m;
}

json_t *ig_name_nominative(const char *z, size_t n, RuCase c) {
  char *zOut = xmalloc(n + 1);
  size_t o = 0, w = 0;
  while (w < n) {
    size_t we = w;
    while (we < n && z[we] != ' ') we++;
    memcpy(zOut + o, z + w, we - w);
    o += word_nominative(z + w, we - w, zOut + o, c, w == 0 && we < n);
    if (we < n) zOut[o++] = ' ';
    w = we + 1;
  }
  json_t *p = json_stringn(zOut, o);
  xfree(zOut);
  return p;
}

bool ig_genitive_before(const Doc *d, size_t i) {
  static const char *const azGen[] = {"участием ",    "участии ",          "председательством ",
                                      "президентов ", "лидеров ",          "президента ",
                                      "лидера ",      "премьер-министра ", 0};
  size_t s = ig_sent_start(d, i);
  return ig_has_any(d, i > s + 160 ? i - 160 : s, i, azGen);
}

/* The representative found with a party, as written or in the nominative. */
static json_t *found_name(const Doc *d, const Found *f) {
  if (f->bDat || f->bGen || f->bIns)
    return ig_name_nominative(d->z + f->iBy, f->eBy - f->iBy,
                              f->bDat   ? RU_DATIVE
                              : f->bIns ? RU_INSTRUMENTAL
                                        : RU_GENITIVE);
  /* an initial run into the surname («И.Алиев») is written apart («И.
  ** Алиев») */
  char zName[128];
  size_t o = 0;
  for (size_t p = f->iBy; p < f->eBy && o + 2 < sizeof(zName); p++) {
    zName[o++] = d->z[p];
    if (d->z[p] == '.' && p + 1 < f->eBy && d->z[p + 1] != ' ') zName[o++] = ' ';
  }
  if (o + 2 >= sizeof(zName)) return json_stringn(d->z + f->iBy, f->eBy - f->iBy);
  return json_stringn(zName, o);
}

/* A clause about another body's meeting ("Yesterday in Minsk, a
** delegation ... took part in a meeting of the CIS Foreign Ministers
** Council") says nothing of this session's attendance. */
static bool other_body_clause(const Doc *d, const char *zBody, size_t s, size_t e) {
  /* a body in someone's title ("Chairman of the Executive Committee ...
  ** Sergei Lebedev", «председатель Исполкома СНГ») is no meeting of it */
  static const char *const azTitle[] = {
      "chairman of the ", "chairman of ", "head of the ", "secretary of the ", "председатель ",
      "председателя ", "глава ", "главы ", "руководител",
      /* "Chairman of the Board of the Eurasian Economic Commission",
      ** «председатель коллегии ЕЭК» */
      "board of the ", "коллегии ", 0};
  /* ... nor one named among those taking part ("as well as representatives
  ** of the CIS Executive Committee", «а также Исполнительного комитета СНГ») */
  static const char *const azAlso[] = {"as well as ", "а также ", "representatives of ",
                                       "представители ", 0};
  /* ... nor one the text is told by ("According to the CIS Executive
  ** Committee, ...", «Как сообщает Исполнительный комитет СНГ, в работе
  ** заседания приняли участие ...», «сообщили в пресс-службе ОДКБ»): a
  ** source, not a meeting */
  static const char *const azSource[] = {"according to ",
                                         "как сообщает ",
                                         "как сообщают ",
                                         "как сообщили ",
                                         "сообщает ",
                                         "сообщили в ",
                                         "пресс-служба ",
                                         "пресс-службе ",
                                         "press service of ",
                                         "website of the ",
                                         0};
  for (int k = ig_mention_from(d, s); k < d->nM && d->aM[k].i < e; k++) {
    const GzEntry *p = d->aM[k].p;
    size_t i = d->aM[k].i;
    /* ... nor the same words read as the session's body too («Совета
    ** министров обороны ОДКБ»: the CIS's council by its first words, the
    ** CSTO's by all of them) */
    bool bSame = false;
    for (int q = 0; q < d->nM && !bSame; q++)
      bSame = d->aM[q].p->kind == GZ_BODY && strcmp(d->aM[q].p->zKey, zBody ? zBody : "") == 0 &&
              d->aM[q].i < d->aM[k].e && d->aM[k].i < d->aM[q].e;
    /* ... nor its short name in brackets after it ("председатель Коллегии
    ** Евразийской экономической комиссии (ЕЭК)"): judged with the name */
    bool bShort = false;
    for (int q = 0; q < k && !bShort; q++)
      bShort = d->aM[q].p->kind == GZ_BODY && i > 0 && d->z[i - 1] == '(' && d->aM[q].e <= i &&
               d->aM[q].e + 3 >= i;
    if (p->kind == GZ_BODY && zBody && strcmp(p->zKey, zBody) != 0 && !bSame && !bShort &&
        !ig_has_any(d, i > 28 ? i - 28 : 0, i, azTitle) &&
        !ig_has_any(d, i > 80 ? i - 80 : 0, i, azAlso) &&
        !ig_has_any(d, i > 40 ? i - 40 : 0, i, azSource))
      return true;
  }
  return false;
}

/* A sentence about a previous meeting («Предыдущее, при участии
** премьер-министра Беларуси NAME, прошло в городе Чолпан-Ата», "The previous
** session was attended by ...") says nothing of this session's attendance. */
static bool previous_meeting_sentence(const Doc *d, size_t s, size_t e) {
  static const char *const azPrev[] = {"previous session",  "previous meeting",
                                       "previous summit",   "last session",
                                       "last meeting",      "last summit",
                                       "предыдущ",          "прошлое заседание",
                                       "прошлом заседании", 0};
  return ig_has_any(d, s, e, azPrev);
}

/* The year written at i (four digits, 1900 to 2100, not in a longer
** number), or 0. */
static int year_at(const Doc *d, size_t i, size_t e) {
  const char *z = d->z + i;
  if (i + 4 > e || (i > 0 && z[-1] >= '0' && z[-1] <= '9')) return 0;
  for (int k = 0; k < 4; k++)
    if (z[k] < '0' || z[k] > '9') return 0;
  if (i + 4 < e && z[4] >= '0' && z[4] <= '9') return 0;
  int y = (z[0] - '0') * 1000 + (z[1] - '0') * 100 + (z[2] - '0') * 10 + (z[3] - '0');
  return y >= 1900 && y <= 2100 ? y : 0;
}

/* The year the session is of: the publication date's, else the latest
** year the text writes ("Dec. 2" beside "signed May 15, 1992" and "the
** chairmanship ... for 2021": 2021); 0 when none. */
static int session_year(const Doc *d) {
  if (d->pub.y) return d->pub.y;
  int y = 0;
  for (size_t i = 0; i < d->n; i++) {
    int v = year_at(d, i, d->n);
    if (v > y) y = v;
  }
  return y;
}

/* A sentence of the organization's history ("In 1993, it was joined by
** Azerbaijan, Belarus and Georgia", "The CST was then extended ... in April
** 1999, and was signed by the presidents of Armenia, ...", «Договор был
** подписан в 1992 году главами Армении, ...»): a verb of founding, joining
** or signing, and every year it names before the session's. It says
** nothing of this session's attendance. */
static bool history_sentence(const Doc *d, size_t s, size_t e, int yNow) {
  static const char *const azHist[] = {
      "joined by", "was joined", "were joined", "signed by", "was signed", "were signed",
      "formed",    "founded",    "established", "extended",  "renamed",    "created",
      "подписан",  "создан",     "основан",     "учрежден",  "учреждён",   "присоединил",
      "вступил",   "вступила",   "вступили",    "продлен",   "продлён",    0};
  if (yNow == 0 || !ig_has_any(d, s, e, azHist)) return false;
  int nYear = 0;
  for (size_t i = s; i + 4 <= e; i++) {
    int y = year_at(d, i, e);
    if (y == 0) continue;
    if (y >= yNow) return false;
    nYear++;
  }
  return nYear > 0;
}

bool ig_history_at(const Doc *d, size_t i) {
  return history_sentence(d, ig_sent_start(d, i), ig_sent_end(d, i), session_year(d));
}

/* In a sentence naming the session's body and another, is the last body
** named before i the session's («..."накануне сессии Совета коллективной
** безопасности", - сказал он в ходе заседания министров иностранных дел
** ОДКБ в Алма-Ате, где не принимала участие армянская сторона»): the
** party's clause is of this session, not of the other's? */
static bool own_body_nearer(const Doc *d, const char *zBody, size_t s, size_t i) {
  const char *zLast = 0;
  for (int k = ig_mention_from(d, s); k < d->nM && d->aM[k].i < i; k++)
    if (d->aM[k].p->kind == GZ_BODY) zLast = d->aM[k].p->zKey;
  return zLast && zBody && strcmp(zLast, zBody) == 0;
}

/* The status f found for zParty, unless a stronger one was found before:
** represented, then absent, then present (a head of state who "will not
** take part" and is "represented by" a deputy is represented). */
static void take(const Doc *d, Attendance *a, json_t *pSeen, const char *zParty, const Found *pF) {
  Found f = *pF;
  static const int aRank[] = {0, 1, 2};
  json_t *pOld = json_object_get(pSeen, zParty);
  int old = pOld ? (int)json_integer_value(pOld) : -1;
  /* "all came but President Nazarbayev ... Kazakhstan's prime minister is
  ** present" («кроме президента РК ...; от Казахстана присутствует
  ** премьер-министр»): absent in one clause and present with a role in
  ** another, the party is represented by the one present */
  json_t *pC0 = json_object_get(a->pClause, zParty);
  /* "Belarusian Foreign Minister NAME acknowledged before the leaders of
  ** Belarus, Russia ... gathered": a minister named at a leaders' council
  ** does not make a party present by its leader represented */
  if (old == 0 && f.status == 2 && f.bWeak) return;
  if (old >= 0 && f.bHedge) return;
  if (old == 2 && f.status == 0 && pC0 && json_is_true(json_object_get(pC0, "weak"))) {
    json_object_del(pSeen, zParty);
    json_object_del(a->pClause, zParty);
    pC0 = 0;
    old = -1;
  }
  if (old == 1 && f.status == 0 && f.eRole > f.iRole) {
    f.status = 2;
    if (f.conf > 0.7) f.conf = 0.7;
    json_object_del(pSeen, zParty);
    old = -1;
  } else if (old == 0 && f.status == 1 && pC0 && json_object_get(pC0, "role")) {
    json_object_set_new(pSeen, zParty, json_integer(2));
    json_object_set_new(pC0, "status", json_string("represented"));
    if (json_real_value(json_object_get(pC0, "confidence")) > 0.7)
      json_object_set_new(pC0, "confidence", json_real(0.7));
    return;
  }
  /* absent in one clause, present in another with no role to tell who came
  ** ("the Head of the Armenian Ministry of Defense is absent ...
  ** Representatives of the Ministries of Defense of ... and Armenia
  ** arrived": someone came in his place): absent stays, but unsure */
  if (old == 1 && f.status == 0 && pC0 && !f.bHedge &&
      json_real_value(json_object_get(pC0, "confidence")) > 0.6)
    json_object_set_new(pC0, "confidence", json_real(0.6));
  if (old >= 0 && aRank[old] > aRank[f.status]) return;
  if (old >= 0 && old == f.status) {
    /* the same again: keep the first, but take a name it lacked */
    json_t *pC = json_object_get(a->pClause, zParty);
    if (pC && !json_object_get(pC, "by") && f.eBy > f.iBy) {
      json_object_set_new(pC, "by", found_name(d, &f));
      if (f.eRole > f.iRole)
        json_object_set_new(pC, "role", json_stringn(d->z + f.iRole, f.eRole - f.iRole));
    }
    return;
  }
  json_object_set_new(pSeen, zParty, json_integer(f.status));
  json_t *pC = json_object();
  static const char *const azStatus[] = {"present", "absent", "represented"};
  json_object_set_new(pC, "status", json_string(azStatus[f.status]));
  json_object_set_new(pC, "text", ig_span(d, f.i, f.e));
  json_object_set_new(pC, "confidence", json_real(f.conf));
  if (f.eBy > f.iBy) json_object_set_new(pC, "by", found_name(d, &f));
  if (f.eRole > f.iRole)
    json_object_set_new(pC, "role", json_stringn(d->z + f.iRole, f.eRole - f.iRole));
  if (f.status == 2 && f.bWeak) json_object_set_new(pC, "weak", json_true());
  json_object_set_new(a->pClause, zParty, pC);
}

/* "The CSTO's members are Russia, Kazakhstan, ... and Armenia. The leaders
** of all these states arrived in Yerevan but President NAME" («В Ереван
** прибыли все главы этих государств, кроме ...»): "these states" with a
** word of taking part in its clause are the parties of the sentence before,
** present unless said otherwise (those with a status already keep it). */
static void these_states(Doc *d, const char *zBody, const Hits *pPred, Attendance *a,
                         json_t *pSeen) {
  static const char *const azThese[] = {"этих государств", "этих стран", "these states",
                                        "these countries", 0};
  for (int t = 0; azThese[t]; t++) {
    for (size_t x = ig_find(d, 0, azThese[t]); x != SIZE_MAX; x = ig_find(d, x + 1, azThese[t])) {
      size_t ss = ig_sent_start(d, x), se = ig_sent_end(d, x);
      /* the sentence before: back over the blank lines between */
      size_t pe = ss;
      while (pe > 0 && (d->z[pe - 1] == ' ' || d->z[pe - 1] == '\n' || d->z[pe - 1] == '\r')) pe--;
      if (pe == 0 || other_body_clause(d, zBody, ss, se)) continue;
      /* a word of taking part within 80 bytes of it, in its sentence */
      const Hit *pPr = 0;
      size_t lo = x > ss + 80 ? x - 80 : ss, hi = x + 80 < se ? x + 80 : se;
      for (size_t k = hit_from(pPred, lo); k < pPred->n && pPred->a[k].i < hi && !pPr; k++)
        if (pPred->a[k].kind == PK_PRESENT || pPred->a[k].kind == PK_PRESENT_PREP ||
            pPred->a[k].kind == PK_PRESENT_LIST)
          pPr = &pPred->a[k];
      if (!pPr) continue;
      size_t ps = ig_sent_start(d, pe - 1);
      int nParty = 0;
      for (int q = ig_mention_from(d, ps); q < d->nM && d->aM[q].i < ss; q++)
        nParty += d->aM[q].p->kind == GZ_PARTY && d->aM[q].p->type != GZ_CAPITAL &&
                  !locative(d, &d->aM[q]);
      if (nParty < 2) continue;
      for (int q = ig_mention_from(d, ps); q < d->nM && d->aM[q].i < ss; q++) {
        const Mention *m = &d->aM[q];
        if (m->p->kind != GZ_PARTY || m->p->type == GZ_CAPITAL || locative(d, m) ||
            json_object_get(pSeen, m->p->zKey))
          continue;
        Found f;
        memset(&f, 0, sizeof(f));
        f.status = 0;
        f.conf = 0.7;
        f.i = pPr->i < x ? pPr->i : x;
        f.e = pPr->e > x + strlen(azThese[t]) ? pPr->e : x + strlen(azThese[t]);
        take(d, a, pSeen, m->p->zKey, &f);
      }
    }
  }
}

/* Is the one f names as zParty's representative at a heads-of-state council
** a person the registry records present at such councils for zParty: its
** own leader ("The Republic of Armenia is represented by Prime Minister
** Nikol Pashinyan"), so the party is present? */
static bool head_of(const Doc *d, const char *zLevel, const char *zParty, const Found *f) {
  if (!zLevel || strcmp(zLevel, "heads_of_state") != 0) return false;
  /* ... not when he is named by a former head's title ("its First
  ** President NAME"): he led the party once, not now */
  static const char *const azFormer[] = {"first president", "первый президент", 0};
  if (f->eRole > f->iRole && ig_has_any(d, f->iRole, f->eRole, azFormer)) return false;
  json_t *pName = found_name(d, f);
  const char *z = json_string_value(pName), *zSur = strrchr(z, ' ');
  zSur = zSur ? zSur + 1 : z;
  char zKey[32];
  const GzPerson *p =
      gz_name_key(zSur, strlen(zSur), zKey, sizeof(zKey)) ? gz_person(d->g, zKey) : 0;
  json_decref(pName);
  return p && p->bHead && strcmp(p->party.zKey, zParty) == 0;
}

/* A capital standing for its state, as the object of a word of absence
** right before it («Впервые без участия Еревана», "without the
** participation of Yerevan") or the subject of a verb of representing right
** after it («Минск представлял замглавы МИД NAME», "Moscow was represented
** by"); anywhere else a capital is a place. */
static bool capital_as_party(const Doc *d, const Hits *pPred, const Mention *m) {
  size_t k = hit_from(pPred, m->i);
  if (k > 0 && pPred->a[k - 1].kind == PK_ABSENT_PREP && pPred->a[k - 1].e + 1 >= m->i &&
      pPred->a[k - 1].e - pPred->a[k - 1].i > 8)
    return true;
  k = hit_from(pPred, m->e);
  return k < pPred->n && pPred->a[k].kind == PK_REPR && pPred->a[k].i <= m->e + 1 &&
         !ig_has(d, m->e, pPred->a[k].i, ",");
}

/* «Армения участвует ... по видеосвязи, ее представляет вице-премьер
** NAME», "Armenia took part by video; it was represented by its deputy
** prime minister NAME": a pronoun right before a verb of representing
** stands for the last party named before it in the sentence; the role and
** name after the verb are its (represented, or present if the role fits
** the council). */
static void pronoun_represented(const Doc *d, const char *zLevel, const Hits *pPred,
                                const Hits *pRole, Attendance *a, json_t *pSeen) {
  static const char *const azPron[] = {", ее ", ", её ", ", его ", ", it was ", "; it was ",
                                       ", it ", "; it ",
                                       /* «..., страну представлял премьер-министр NAME» */
                                       ", страну ", ", the country was ", 0};
  for (size_t k = 0; k < pPred->n; k++) {
    const Hit *h = &pPred->a[k];
    if (h->kind != PK_REPR || !ig_ends_before(d, h->i, azPron, false)) continue;
    size_t ss = ig_sent_start(d, h->i), se = ig_sent_end(d, h->i);
    const Mention *pM = 0;
    for (int q = ig_mention_from(d, ss); q < d->nM && d->aM[q].e <= h->i; q++)
      if (d->aM[q].p->kind == GZ_PARTY && d->aM[q].p->type != GZ_CAPITAL) pM = &d->aM[q];
    size_t r = hit_from(pRole, h->e);
    if (!pM || r >= pRole->n || pRole->a[r].i > h->e + 40 || pRole->a[r].i >= se) continue;
    const Hit *pR = &pRole->a[r];
    Found f = {.status = rank_fits(pR->kind, zLevel) && pR->kind != RK_LOWER ? 0 : 2,
               .conf = 0.7,
               .i = pM->i,
               .e = pR->e,
               .iRole = pR->i,
               .eRole = ig_word_end(d, pR->e)};
    size_t ni, ne;
    if (name_in(d, pR->e, se, &ni, &ne) && ni <= ig_word_end(d, pR->e) + 2) {
      f.iBy = ni;
      f.eBy = ne;
      f.e = ne;
    }
    take(d, a, pSeen, pM->p->zKey, &f);
  }
}

/* «Делегацию Минобороны Армении возглавляет NAME», "the delegation of
** Armenia was headed by Deputy Foreign Minister NAME", "Armenia's
** delegation was led by NAME": the one heading a party's delegation is its
** representative (present, or represented if his role is below the
** council's). The party is the last named between "delegation" and the
** verb, or right before "delegation". */
static void delegation_headed(const Doc *d, const char *zBody, const char *zLevel,
                              const Hits *pRole, Attendance *a, json_t *pSeen) {
  static const char *const azHead[] = {
      "возглавляет", "возглавил", "возглавила", "возглавлял", "headed by", "led by", 0};
  static const char *const azDeleg[] = {"делегаци", "delegation", 0};
  for (int w = 0; azDeleg[w]; w++) {
    for (const char *z = d->zLo; (z = strstr(z, azDeleg[w])) != 0; z++) {
      size_t i = (size_t)(z - d->zLo), se = ig_sent_end(d, i), ss = ig_sent_start(d, i);
      size_t b = i + 60 < se ? i + 60 : se, v = SIZE_MAX, ve = 0;
      for (int k = 0; azHead[k]; k++) {
        size_t x = ig_find(d, i, azHead[k]);
        if (x < b && x < v) {
          v = x;
          ve = ig_word_end(d, x + strlen(azHead[k]));
        }
      }
      if (v == SIZE_MAX) continue;
      /* the party: between "delegation" and the verb, or just before */
      const Mention *pM = 0;
      for (int q = ig_mention_from(d, i > ss + 16 ? i - 16 : ss); q < d->nM && d->aM[q].e <= v; q++)
        if (d->aM[q].p->kind == GZ_PARTY && d->aM[q].p->type != GZ_CAPITAL) pM = &d->aM[q];
      if (!pM) continue;
      size_t ni, ne;
      if (!name_in(d, ve, se, &ni, &ne) || !role_reaches(d, ve, ni)) continue;
      /* ... at another body's meeting ("a delegation of Tajikistan led by
      ** NAME took part in a meeting of the CIS Foreign Ministers Council") */
      if (other_body_clause(d, zBody, ss, se)) continue;
      Found f = {
          .status = 0, .conf = 0.7, .i = pM->i < i ? pM->i : i, .e = ne, .iBy = ni, .eBy = ne};
      size_t r = hit_from(pRole, ve);
      if (r < pRole->n && pRole->a[r].e <= ni) {
        const Hit *pR = &pRole->a[r];
        f.iRole = pR->i;
        f.eRole = ig_word_end(d, pR->e);
        if (pR->kind == RK_LOWER || !rank_fits(pR->kind, zLevel)) f.status = 2;
      }
      take(d, a, pSeen, pM->p->zKey, &f);
    }
  }
}

void ig_attend_clauses(Doc *d, const char *zBody, const char *zLevel, Attendance *a) {
  Hits pred = {0}, role = {0}, clause = {0}, item = {0};
  find_hits(d, aPred, false, &pred);
  find_hits(d, aRole, true, &role);
  find_seps(d, azClauseSep, &clause);
  find_seps(d, azItemSep, &item);
  json_t *pSeen = json_object(); /* party -> status found, of the strongest */
  int yNow = session_year(d);
  /* the parties named, then the people the registry records for a party
  ** ("Путин принял участие"), each in text order */
  for (int pass = 0; pass < 2; pass++) {
    size_t csLast = SIZE_MAX;
    bool bOther = false, bPrev = false;
    int nOf = pass == 0 ? d->nM : d->nP;
    for (int k = 0; k < nOf; k++) {
      const Mention *m = pass == 0 ? &d->aM[k] : &d->aP[k];
      if (m->p->kind != GZ_PARTY || locative(d, m)) continue;
      /* an agency's edition named by its country ("... в Минске - Sputnik
      ** Беларусь", "Sputnik Кыргызстан"): no party */
      if (pass == 0 && m->i >= 8 && memcmp(d->zLo + m->i - 8, "sputnik ", 8) == 0) continue;
      if (m->p->type == GZ_CAPITAL && (pass == 1 || !capital_as_party(d, &pred, m))) continue;
      Found f;
      if (!read_mention(d, m, zLevel, &pred, &role, &clause, &item, &f)) continue;
      /* a person near a negation is more often the one who tells of another's
      ** absence ("Lukashenko regretted that Armenia did not attend") than
      ** the absent one: a person makes its party absent only right after
      ** "except", «кроме», «без участия» */
      if (pass == 1 && f.status == 1 && !f.bPrep) continue;
      /* a party read from a person's name is inferred: less sure, and an
      ** absence so read unsure */
      if (pass == 1 && f.conf > (f.status == 1 ? 0.6 : 0.8)) f.conf = f.status == 1 ? 0.6 : 0.8;
      /* a person named without a role: the name is the person's, its
      ** first name the capitalized word before ("Владимир Путин"); none
      ** without a first name */
      if (pass == 1 && f.eBy == f.iBy && f.status != 1 && !f.bSent && !f.bHost) {
        f.iBy = m->i;
        f.eBy = m->e;
        f.bGen = d->aPGen[k];
        if (m->i > 1 && d->z[m->i - 1] == ' ') {
          size_t w = ig_word_start(d, m->i - 1);
          if (w < m->i - 1 && ig_upper_at(d, w)) f.iBy = w;
        }
        /* a surname alone ("Путин не расставался ...") is no one's full name */
        if (f.iBy == m->i) f.eBy = f.iBy;
        /* after «с участием», «при участии», «председательством» the name
        ** is in the genitive though the surname does not decline
        ** («с участием Александра Лукашенко») */
        if (!f.bGen && f.iBy < m->i) f.bGen = ig_genitive_before(d, f.iBy);
      }
      /* once a sentence: the mentions come in order */
      size_t cs = ig_sent_start(d, m->i);
      if (cs != csLast) {
        csLast = cs;
        bOther = other_body_clause(d, zBody, cs, ig_sent_end(d, m->i));
        bPrev = previous_meeting_sentence(d, cs, ig_sent_end(d, m->i)) ||
                history_sentence(d, cs, ig_sent_end(d, m->i), yNow);
      }
      if ((bOther && !own_body_nearer(d, zBody, cs, m->i)) || bPrev ||
          ig_composition_before(d, m->i))
        continue;
      if (f.status == 2 && f.eBy > f.iBy && !f.bSent && head_of(d, zLevel, m->p->zKey, &f))
        f.status = 0;
      take(d, a, pSeen, m->p->zKey, &f);
    }
  }
  these_states(d, zBody, &pred, a, pSeen);
  pronoun_represented(d, zLevel, &pred, &role, a, pSeen);
  delegation_headed(d, zBody, zLevel, &role, a, pSeen);
  json_decref(pSeen);
  xfree(pred.a);
  xfree(role.a);
  xfree(clause.a);
  xfree(item.a);
}
