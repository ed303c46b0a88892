"""The classifier's knowledge: the classes and the phrases, English and German, that signal
each one with a weight. Kept apart from the scoring logic in `classify` so the phrase table
can grow without burying the rules that weigh it."""

from .models import Label  # the one vocabulary of email classes

STRONG, GOOD, FAIR, WEAK = 0.9, 0.75, 0.6, 0.45

# Patterns are lower-case (text is lower-cased once), use single spaces (whitespace is
# collapsed) and start with a letter, so the combined scan can skip most positions cheaply.
PHRASES: dict[Label, tuple[tuple[float, str], ...]] = {
    Label.REJECTION: (
        (STRONG, r"regret to (?:inform|let you know|tell you|advise|say)"),
        (STRONG, r"regrettably"),
        (STRONG, r"(?:sorry|sad|unhappy) to (?:inform|let you know|tell you|share|say)"),
        (STRONG, r"(?:decided|chosen|elected|made the decision|determined) (?:not to|to not) "
                 r"(?:move|proceed|pursue|progress|advance|take|invite|select|choose|offer|"
                 r"extend|continue with your|consider)"),
        (STRONG, r"(?:decided|chosen|elected|made the decision) to (?:move forward|proceed|go|"
                 r"continue|move ahead|pursue|progress|go forward) (?:with|in) (?:other|another|"
                 r"a different|different|a few other|someone|candidates|applicants)"),
        (STRONG, r"not (?:to |be |been )?(?:moving|move|proceeding|proceed|progressing|"
                 r"progress|pursuing|pursue|advancing|advance|going|taking|take) (?:you |your "
                 r"(?:application|candidacy|profile) )?(?:forward|ahead|further|with your|"
                 r"to the next)"),
        (STRONG, r"not (?:be )?able to (?:move|proceed|offer|progress|pursue|advance|extend|"
                 r"consider you)"),
        (STRONG, r"(?:unable to|cannot|can't|can not|won't|will not|shall not|would not) "
                 r"(?:be able to )?(?:move forward|proceed|offer you|invite you|progress|"
                 r"pursue your|advance your|take your|consider your|extend (?:you )?(?:an|the) "
                 r"(?:offer|invitation))"),
        (STRONG, r"(?:go|going|gone|went|head|heading) (?:in|with) (?:a |another )?"
                 r"(?:different|another) direction"),
        (STRONG, r"(?:won't|will not|shall not|would not) be (?:moving|proceeding|progressing|"
                 r"advancing|pursuing|taking|offering|inviting|considering)"),
        (STRONG, r"(?:not|haven't|hasn't|weren't|wasn't|aren't|isn't) (?:been )?(?:selected|"
                 r"shortlisted|successful|chosen)"),
        (STRONG, r"(?:did not|didn't|do not|don't|could not|couldn't|will not|won't) "
                 r"(?:select|choose|shortlist)"),
        (STRONG, r"unsuccessful"),
        (STRONG, r"no longer (?:being )?(?:considered|under consideration|interviewing|"
                 r"hiring|recruiting|accepting|in consideration|in the running)"),
        (STRONG, r"(?:position|role|vacancy|opening|job|posting|requisition)(?: [\w'-]+){0,4} "
                 r"(?:has|have|is|was) (?:now |already |since )?(?:been )?(?:filled|closed|"
                 r"cancell?ed|canceled|withdrawn|put on hold|on hold)"),
        (STRONG, r"(?:have|has|had) (?:[\w]+ ){0,2}filled (?:the|this|that|our) "
                 r"(?:position|role|vacancy|opening)"),
        (GOOD, r"(?:are|is|has been|have been|was|were) (?:now |already |recently )?filled"),
        (STRONG, r"(?:putting|put|placed|placing) (?:this|the|our) (?:position|role|search|"
                 r"opening|hiring|vacancy) on hold"),
        (STRONG, r"(?:pursue|pursuing|proceed|proceeding|move|moving|go|going|continue|"
                 r"continuing|went|moved|ahead|forward|stage|step|round) (?:with )?(?:a few |"
                 r"some )?(?:other|another|a different|different|more qualified|more suitable) "
                 r"(?:candidate|applicant|individual|profile|person)"),
        (STRONG, r"(?:consider|considering|selected|chose|chosen|selecting|hired|hiring) "
                 r"(?:other|another|a different|more qualified|a candidate|an other) "
                 r"(?:candidate|applicant|individual|profile|person|for)"),
        (STRONG, r"(?:extended|made|accepted|extend|offered the (?:role|position)) (?:an offer )?"
                 r"(?:out )?to (?:another|a different|an other|a|the other) (?:candidate|"
                 r"applicant|person)|filled by (?:another|a different|an other) candidate"),
        (STRONG, r"other (?:candidates|applicants|profiles) (?:whose|who|that) (?:more|better|"
                 r"are more|were more|have|had|better|closer|match|more closely)"),
        (STRONG, r"not (?:quite )?(?:a|the right|the best|a good|a strong|the) (?:match|fit)"),
        (STRONG, r"(?:don't|do not|didn't|did not|couldn't|could not|can't|cannot) (?:see|find|"
                 r"feel|think|have) (?:there is )?(?:a |an )?(?:strong |good |right |mutual |"
                 r"clear |immediate |close )*(?:match|fit|alignment)"),
        (GOOD, r"(?:we're|we are|i'm|i am) sorry,? but|not (?:fully |entirely )?convinced"),
        (STRONG, r"(?:leider )?(?:müssen|muss|möchten|mussten) wir (?:ihnen|dir) (?:leider )?"
                 r"(?:mitteilen|absagen)"),
        (STRONG, r"leider (?:können|konnten|haben|werden|ist) (?:wir )?(?:ihnen|dir|ihre|"
                 r"deine|ihr|sie|uns|keine)"),
        (STRONG, r"absage(?<!oder absage)(?<!und absage)"),  # not "Zu- oder Absage"
        (STRONG, r"nicht (?:weiter |mehr |näher )?(?:berücksichtig|in (?:die )?engere|"
                 r"weiterverfolg|für (?:sie|dich) entschieden)"),
        (STRONG, r"(?:für|mit) (?:einen |eine |einem )?(?:andere[nmr]?|weitere[nmr]?) "
                 r"(?:kandidat|bewerber|person|profil)"),
        (STRONG, r"uns (?:\w+ )?für (?:[\w/:*]+ ){0,2}(?:andere|weitere)"),
        (STRONG, r"gegen (?:sie|dich|ihre|deine) (?:bewerbung |kandidatur )?entschieden"),
        (STRONG, r"anderweitig (?:besetzt|entschieden|vergeben)"),
        (STRONG, r"(?:stelle|position|vakanz) (?:ist |wurde |haben wir )?(?:bereits |"
                 r"inzwischen |mittlerweile )?(?:besetzt|vergeben)"),
        (STRONG, r"keine (?:zusage|positive (?:nachricht|rückmeldung))"),
        # "Unfortunately we cannot reply to everyone" is how confirmations apologise.
        (GOOD, r"(?:unfortunately|leider)(?![^.!?]{0,120}(?:feedback|individual|each|every|"
               r"respond|reply|answer|personal|delay|volume|take (?:some )?time|takes time|"
               r"a while|longer|many|number|"
               r"rückmeldung|einzeln|jede|dauer|zeit|viele|anzahl))"),
        (FAIR, r"(?:better|more closely) (?:suited|aligned|align|match|matched|fits?)"),
        (WEAK, r"while (?:we were|our team was|i was) (?:very |really |truly )?impressed|"
               r"while your (?:qualifications|background|experience|skills|profile)"),
        (WEAK, r"after (?:careful|much|thorough) (?:consideration|review|deliberation)"),
        (WEAK, r"(?:wish|best of luck|good luck|success) (?:you )?(?:in|with|on) (?:your|the) "
               r"(?:future|job search|search|career)"),
        (WEAK, r"keep your (?:resume|cv|information|details|profile) on file"),
        (WEAK, r"future (?:opportunities|openings|roles|positions)"),
        (WEAK, r"(?:highly|very) competitive"),
        (WEAK, r"(?:large|high|overwhelming) (?:number|volume) of (?:qualified )?"
               r"(?:applicants|applications|candidates)"),
        (WEAK, r"viel erfolg|alles gute für (?:ihre|deine) (?:weitere|berufliche)"),
    ),
    Label.OFFER: (
        (STRONG, r"(?:pleased|delighted|happy|excited|thrilled|glad) to (?:extend|offer you|"
                 r"make you|present you with|confirm our offer)"),
        (STRONG, r"offer (?:letter|of employment|package)"),
        (STRONG, r"(?:extend|extending|make|making) you (?:a |an |our )?(?:formal |verbal |"
                 r"written |conditional )?(?:job )?offer"),
        (STRONG, r"(?:extend|make) (?:a |an |our |the )?(?:formal |verbal |written |"
                 r"conditional )?(?:job )?offer to you"),
        (STRONG, r"(?:formal|verbal|written|conditional) (?:job )?offer"),
        (STRONG, r"employment (?:contract|agreement)"),
        (STRONG, r"vertragsangebot|arbeitsvertrag|angebotsschreiben"),
        (STRONG, r"(?:ein|unser|das|ihr|dein) (?:konkretes |schriftliches |finales |"
                 r"offizielles )?(?:vertrags|arbeits|stellen)?angebot (?:unterbreiten|machen|"
                 r"zukommen|senden|schicken|für sie|für dich)"),
        (STRONG, r"freuen uns,? (?:ihnen|dir) (?:eine zusage|ein angebot|die stelle)"),
        (STRONG, r"für(?<!nicht für) (?:sie|dich) entschieden"),
        (GOOD, r"welcome (?:you )?(?:to|aboard) the team|willkommen im team"),
        (FAIR, r"zusage"),
        (WEAK, r"angebot"),
        (WEAK, r"congratulations|herzlichen glückwunsch"),
    ),
    Label.INTERVIEW: (
        (STRONG, r"invite you (?:to|for) (?:a |an |the |your )?(?:first |second |final |next |"
                 r"short |brief |initial |virtual |technical |personal )?(?:round |video |phone |"
                 r"on-?site )?interview"),
        (STRONG, r"invitation (?:to|for) (?:a |an |the )?(?:\w+ )?interview"),
        (STRONG, r"(?:schedule|book|arrange|set up|organi[sz]e|confirm|reschedule) (?:a |an |"
                 r"the |your |our )?(?:\w+ )?(?:interview|phone screen|screening call)"),
        (STRONG, r"interview (?:invitation|invite|request|confirmation|confirmed|scheduled|"
                 r"details|availability|slot|reminder|with the|with our|at \d)"),
        (STRONG, r"your (?:upcoming |scheduled |next )?interview (?:with|on|at|for|tomorrow|"
                 r"today|is)"),
        (STRONG, r"(?:phone|video|technical|final|onsite|on-site|virtual|panel|first|second|"
                 r"next|hiring manager|behavioral|behavioural) (?:round )?(?:interview|screen)"),
        (STRONG, r"like to (?:interview you|move you forward|move forward with (?:you|your "
                 r"(?:application|candidacy)))"),
        (STRONG, r"vorstellungsgespräch|bewerbungsgespräch|kennenlerngespräch|telefoninterview|"
                 r"videointerview|video-interview|jobinterview"),
        (STRONG, r"einladung (?:zu[mr]?|für) (?:einem |einer |ein |eine )?(?:\w+ )?(?:gespräch|"
                 r"interview|kennenlernen|videocall|telefonat)"),
        (STRONG, r"(?:sie|dich) (?:gerne |gern )?(?:persönlich )?kennenlernen"),
        (GOOD, r"like to (?:meet|speak|talk|chat) (?:with )?you"),
        (GOOD, r"(?:selected|chosen|moved|advanced|move|moving|advance|invite) (?:you )?"
               r"(?:forward )?(?:to|for) the next (?:round|stage|step)"),
        (GOOD, r"(?:availability|available) for (?:a |an |the )?(?:\w+ )?(?:call|chat|"
               r"conversation|meeting|interview)"),
        (GOOD, r"(?:schedule|book|arrange|set up) (?:a |an |the )?(?:[\w-]+ ){0,2}(?:call|chat|"
               r"meeting|conversation|time to (?:chat|talk|speak))"),
        (GOOD, r"your availability (?:for|this|next|over|in|on)|availability look"),
        (GOOD, r"(?:select|pick|choose|book) (?:a |an )?(?:time|slot|time slot)"),
        (GOOD, r"terminvorschläge|terminvorschlag|termin für (?:ein|das|unser)"),
        (FAIR, r"calendly\.com|goodtime\.io|calendar invite"),
        (WEAK, r"interview|gespräch"),
    ),
    Label.ASSESSMENT: (
        (STRONG, r"coding (?:challenge|exercise|test|assessment|assignment|task|interview "
                 r"platform)"),
        (STRONG, r"take[- ]home"),
        (STRONG, r"hackerrank|codility|codesignal|testgorilla|coderbyte|codingame|hirevue|"
                 r"karat|qualified\.io|devskiller|mettl|shl\.com|pymetrics"),
        (STRONG, r"(?:online|technical|skills?|cognitive|aptitude|personality|psychometric|"
                 r"video) (?:assessment|test|exercise|challenge)"),
        (STRONG, r"complete (?:the|this|our|an|your|a) (?:[\w-]+ ){0,2}"
                 r"(?:assessment|test|challenge|exercise|assignment|case study)"),
        (STRONG, r"testaufgabe|probeaufgabe|fallstudie|coding-challenge|online-test|"
                 r"eignungstest|einstellungstest|programmieraufgabe"),
        (FAIR, r"case study|assignment"),
        (WEAK, r"assessment|challenge"),
    ),
    Label.RECEIVED: (
        (STRONG, r"(?:thank you|thanks)(?: very much| so much| again)?,? for (?:applying|your "
                 r"(?:recent |online |job )?application|submitting your (?:application|resume|"
                 r"cv|profile)|your submission)"),
        (STRONG, r"(?:we have|we've|we) (?:successfully |now )?received your (?:application|"
                 r"resume|cv|submission|candidacy|credentials|documents|profile)"),
        (STRONG, r"(?:application|resume|cv|submission|email|candidacy|documents) (?:has|have|"
                 r"was|were) (?:been )?(?:successfully |now )?(?:received|submitted|sent|"
                 r"delivered)"),
        (STRONG, r"application (?:received|submitted|confirmation|complete)"),
        (STRONG, r"(?:application|submission) (?:has )?reached us"),
        (STRONG, r"eingang (?:ihrer|deiner) (?:bewerbung|unterlagen)|eingangsbestätigung"),
        (STRONG, r"(?:bewerbung|unterlagen) (?:ist |sind )?(?:bei uns )?(?:gut |erfolgreich )?"
                 r"(?:eingegangen|angekommen)"),
        (STRONG, r"(?:vielen |herzlichen |besten )?danke? für (?:ihre|deine) (?:bewerbung|"
                 r"online-bewerbung)"),
        (STRONG, r"wir haben (?:ihre|deine) (?:bewerbung|unterlagen) (?:\w+ )?erhalten"),
        (STRONG, r"(?:ihre|deine) bewerbung (?:erhalten|bestätigung)|bewerbung erhalten"),
        (FAIR, r"(?:review|reviewing|evaluate|evaluating|prüfen|sichten) (?:your|ihre|deine) "
               r"(?:application|resume|cv|profile|candidacy|qualifications|submission|"
               r"bewerbung|unterlagen)"),
        (FAIR, r"(?:is|are) (?:now |currently )?(?:being reviewed|under review|in review)"),
        (FAIR, r"(?:we'll|we will|team will|recruiter will|someone will) (?:be in touch|get "
               r"back to you|contact you|reach out|let you know|be contacting)"),
        (WEAK, r"(?:application|bewerbung) status"),
        (WEAK, r"(?:thank you|thanks) for (?:your )?interest in"),
        (WEAK, r"first step"),
        (WEAK, r"(?:large|high|overwhelming) (?:number|volume) of applications"),
    ),
    Label.ACTION_REQUIRED: (
        (GOOD, r"please (?:provide|complete|submit|fill|sign|upload)"),
        (FAIR, r"please (?:send|share|confirm|update|answer|respond|reply with)"),
        (STRONG, r"(?:let us know|send (?:us|me)|share|provide|confirm) your availability"),
        (STRONG, r"action (?:required|needed)|handlungsbedarf"),
        (STRONG, r"in order for your application to be (?:considered|complete|processed)"),
        (STRONG, r"(?:you will|you'll) need to (?:complete|provide|submit|fill|confirm|sign)"),
        (STRONG, r"(?:need|require|requires|missing) (?:some |the |a few )?(?:additional|more|"
                 r"further|missing) (?:information|documents|details)"),
        (STRONG, r"bitte (?:senden|schicken|füllen|bestätigen|laden|reichen|teilen|"
                 r"vervollständigen|ergänzen)|(?:fehlende|weitere) unterlagen"),
        (WEAK, r"additional (?:information|documents|details)"),
    ),
    Label.OUTREACH: (
        (STRONG, r"(?:came|come|stumbled|run) across your (?:profile|resume|cv|background|"
                 r"linkedin|experience)"),
        (STRONG, r"(?:opening|role|position|opportunity|requirement|vacancy) (?:with|for|at) "
                 r"(?:our|my|a) (?:direct )?client"),
        (STRONG, r"i (?:have|'ve got|am working on) an? (?:\w+ )?(?:role|position|opening|"
                 r"opportunity|job)"),
        (GOOD, r"(?:would|are|might) you (?:be )?(?:open|interested) (?:to|in)"),
        (STRONG, r"(?:i'm|i am) (?:a |an )?(?:\w+ )?(?:recruiter|headhunter|talent partner|"
                 r"sourcer)"),
        (STRONG, r"on behalf of (?:my|our|a) client|my client|one of our (?:direct )?clients"),
        (GOOD, r"our client (?:is|has)"),
        (GOOD, r"(?:staffing|recruitment|recruiting) (?:company|agency|firm|consultancy)"),
        (STRONG, r"your (?:profile|background|experience) (?:caught|stood out)"),
        (STRONG, r"(?:bin|sind) (?:auf|über) (?:ihr|dein) (?:profil|xing|linkedin)"),
        (STRONG, r"(?:ihr|dein) profil (?:ist mir|hat mich|hat uns|passt)|personalberater|"
                 r"personalvermittlung|im auftrag (?:meines|unseres|eines) (?:kunden|mandanten)"),
        (GOOD, r"(?:interested|interest) in (?:hearing|learning|talking|chatting) more"),
        (GOOD, r"(?:you might|you may) be interested|(?:open|offen) (?:to|für) (?:new|neue)"),
        (GOOD, r"(?:great|good|perfect|exciting|strong) (?:match|fit|opportunity) for you"),
        # First person singular: confirmations say "we will reach out".
        (GOOD, r"(?:i'm|i am|i was|i'd|i) (?:\w+ )?(?:reaching|reach) out|"
               r"(?:wanted|love|like) to connect"),
    ),
    Label.WITHDRAWN: (
        (STRONG, r"(?:withdrawn|withdrew|withdrawal of|withdrawing) (?:your|the|my) "
                 r"(?:application|candidacy)"),
        (STRONG, r"(?:application|candidacy) (?:has been |was )?withdrawn"),
        (STRONG, r"(?:confirm|confirming|received|processed) your (?:request to )?withdraw"),
        (STRONG, r"you (?:have |'ve )?(?:decided|chosen|elected) (?:not to (?:continue|proceed|"
                 r"pursue|move)|to withdraw)"),
        (STRONG, r"bewerbung zurückgezogen|rückzug (?:ihrer|deiner) bewerbung|"
                 r"bewerbung zurückziehen"),
    ),
    Label.OTHER: (
        (STRONG, r"job ?alert|jobagent|job-agent"),
        (STRONG, r"new jobs? (?:for you|matching|near you|in your area|you)|jobs for you"),
        (STRONG, r"jobs? (?:you might|you may|recommended|matching|picked|based on)"),
        (STRONG, r"recommended (?:jobs|for you|positions)"),
        (STRONG, r"newsletter|weekly digest|daily digest"),
        (STRONG, r"neue (?:jobs|stellen|stellenangebote)|(?:jobs|stellenangebote) für (?:dich|"
                 r"sie)|passende (?:jobs|stellen)"),
        (STRONG, r"verification code|security code|one-time (?:code|pass)|pass ?code|"
                 r"password reset|(?:reset|change) your password|verify your (?:email|account)"),
        (GOOD, r"(?:for|matching) your saved search|new (?:positions|openings) for your"),
        (STRONG, r"your (?:order|purchase|payment|receipt|subscription|invoice)"),
        (GOOD, r"(?:account|profile) (?:has been |was )?(?:created|set up|activated)|"
               r"(?:setting up|registering|creating) (?:a |an |your )?(?:new )?(?:account|"
               r"profile)"),
        (GOOD, r"(?:short |quick |brief )?survey|umfrage"),
    ),
}  # fmt: skip
